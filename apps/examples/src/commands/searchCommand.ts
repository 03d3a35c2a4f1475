import { l2Normalize } from '@altclip/core';
import { assertBackendName } from '../backends/createBackend.js';
import { UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { encodeTexts } from '../pipeline/encodeTexts.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';
import { EmbeddingIndex } from '../search/EmbeddingIndex.js';

export const searchCommand = defineCommand({
  name: 'search',
  summary: 'Query an index built by `altclip index` with text in any language; prints the best-matching images.',
  usage: '<index file> "<query>" [--top k] [--backend <name>]',
  options: {
    top: { type: 'number', description: 'how many images to print', default: 5, valueName: 'k' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  async run({ options, positionals }, io) {
    const [indexArg, ...queryParts] = positionals;
    if (indexArg === undefined || queryParts.length === 0) throw new UsageError('expected an index file and a query');
    const top = Number(options.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top: expected a positive integer, got ${options.top}`);
    assertBackendName(String(options.backend));
    const query = queryParts.join(' ');
    const index = await EmbeddingIndex.open(resolvePath(io, indexArg));
    const processor = await loadProcessor(index.header.model);
    // The query goes through the same weights as the images (an int8 index gets an int8 query).
    const model = await loadModel(index.header.model, String(options.backend), index.header.dtype ?? 'fp32');
    let scores: { file: string; score: number }[];
    try {
      const maxLength = model.config.text_config.max_position_embeddings - 2;
      const text = l2Normalize(await model.getTextFeatures(await encodeTexts(processor, [query], maxLength)));
      scores = index.entries.map((e) => {
        let dot = 0;
        for (let i = 0; i < e.embedding.length; i++) dot += e.embedding[i] * text.data[i];
        return { file: e.file, score: dot };
      });
    } finally {
      await model.dispose();
    }
    scores.sort((a, b) => b.score - a.score);
    const best = scores.slice(0, top);
    if (options.json) {
      io.stdout(`${JSON.stringify(best, null, 2)}\n`);
      return;
    }
    for (const s of best) io.stdout(`${s.score.toFixed(4)}  ${s.file}\n`);
  },
});

import { existsSync } from 'node:fs';
import { assertBackendName } from '../backends/createBackend.js';
import { CliError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { displayWidth, padEndDisplay } from '../cli/displayWidth.js';
import { resolvePath } from '../cli/resolvePath.js';
import { encodeTexts } from '../pipeline/encodeTexts.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor, tokenizerOption } from '../pipeline/loadProcessor.js';
import { looksLikeHubId } from '../pipeline/modelFolder.js';
import { preprocessImages } from '../pipeline/preprocessImages.js';
import { softmax } from '../pipeline/softmax.js';

export const classifyCommand = defineCommand({
  name: 'classify',
  summary: 'Zero-shot classification: rank labels (any language) for one image by softmax over logits_per_image.',
  usage: '--model <dir|hub-id> --image <file> --labels <l1> <l2> … [--template "a photo of {}"] [--backend <name>]',
  options: {
    model: { type: 'string', description: 'model folder or Hugging Face hub id (e.g. BAAI/AltCLIP)', required: true, valueName: 'dir|hub-id' },
    image: { type: 'string', description: 'image file', required: true, valueName: 'file' },
    labels: { type: 'list', description: 'candidate labels', required: true, valueName: 'label' },
    template: { type: 'string', description: 'prompt template; {} is replaced by each label', default: '{}', valueName: 'text' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
    dtype: { type: 'string', description: 'fp32, fp16 or int8', default: 'fp32', valueName: 'dtype' },
    json: { type: 'boolean', description: 'print JSON instead of a table' },
    tokenizer: tokenizerOption,
  },
  async run({ options }, io) {
    const model = String(options.model);
    const local = resolvePath(io, model);
    const isLocal = existsSync(local);
    if (!isLocal && !looksLikeHubId(model)) throw new CliError(`model folder "${model}" does not exist (and it is not a hub id like BAAI/AltCLIP)`);
    const template = String(options.template);
    if (!template.includes('{}')) throw new CliError(`--template "${template}" has no {} for the label`);
    assertBackendName(String(options.backend));
    const labels = options.labels as string[];
    const source = isLocal ? local : model;

    const processor = await loadProcessor(source, options.tokenizer, !isLocal);
    const pixelValues = await preprocessImages(io, processor, [String(options.image)]);
    const { inputIds, attentionMask } = await encodeTexts(processor, labels.map((l) => template.replaceAll('{}', l)));
    io.stderr(`loading ${model} on ${options.backend}\n`);
    const altclip = await loadModel(source, String(options.backend), options.dtype);
    try {
      const out = await altclip.forward({ inputIds, attentionMask, pixelValues });
      const probs = softmax(out.logitsPerImage.data);
      const ranked = labels.map((label, i) => ({ label, probability: probs[i], logit: out.logitsPerImage.data[i] })).sort((a, b) => b.probability - a.probability);
      if (options.json) {
        io.stdout(`${JSON.stringify(ranked, null, 2)}\n`);
        return;
      }
      const width = Math.max(...labels.map(displayWidth), 5);
      io.stdout(`${padEndDisplay('label', width)}  probability\n`);
      for (const r of ranked) io.stdout(`${padEndDisplay(r.label, width)}  ${r.probability.toFixed(4)}\n`);
    } finally {
      await altclip.dispose();
    }
  },
});

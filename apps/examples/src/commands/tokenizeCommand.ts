import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { encodeTexts } from '../pipeline/encodeTexts.js';
import { loadProcessor, tokenizerOption } from '../pipeline/loadProcessor.js';
import { modelFolder } from '../pipeline/modelFolder.js';
import { readTextsFile } from '../pipeline/readTextsFile.js';

export const tokenizeCommand = defineCommand({
  name: 'tokenize',
  summary: 'Tokenize a JSON array of texts as HF does (padding=True; truncation=True when --max-length is given); JSON on stdout.',
  usage: '--model <dir> --texts <texts.json> [--max-length N]',
  options: {
    model: { type: 'string', description: 'model folder with the tokenizer files', required: true, valueName: 'dir' },
    texts: { type: 'string', description: 'JSON array of strings', required: true, valueName: 'texts.json' },
    'max-length': { type: 'number', description: 'truncate to N tokens (special tokens included)', valueName: 'N' },
    tokenizer: tokenizerOption,
  },
  async run({ options }, io) {
    const dir = modelFolder(io, String(options.model));
    const texts = await readTextsFile(resolvePath(io, String(options.texts)), String(options.texts));
    const processor = await loadProcessor(dir, options.tokenizer);
    const { inputIds, attentionMask } = await encodeTexts(processor, texts, options['max-length']);
    io.stdout(`${JSON.stringify({ input_ids: inputIds, attention_mask: attentionMask })}\n`);
  },
});

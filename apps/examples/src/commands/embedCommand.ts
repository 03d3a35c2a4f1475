import { writeFile } from 'node:fs/promises';
import { l2Normalize, similarityLogits, type Tensor, writeSafetensors } from '@altclip/core';
import { assertBackendName } from '../backends/createBackend.js';
import { UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { encodeTexts } from '../pipeline/encodeTexts.js';
import { idsTensor } from '../pipeline/idsTensor.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor, tokenizerOption } from '../pipeline/loadProcessor.js';
import { modelFolder } from '../pipeline/modelFolder.js';
import { preprocessImages } from '../pipeline/preprocessImages.js';
import { readTextsFile } from '../pipeline/readTextsFile.js';

export const embedCommand = defineCommand({
  name: 'embed',
  summary: 'Embed texts and/or images; writes inputs, normalised embeddings and logits to a safetensors file.',
  usage: '--model <dir> --backend <onnx|onnx-web|tfjs|webgpu> [--dtype fp32|fp16|int8] [--texts <texts.json>] [--images <file>…] [--max-length N] --out <file.safetensors>',
  options: {
    model: { type: 'string', description: 'model folder', required: true, valueName: 'dir' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
    dtype: { type: 'string', description: 'fp32, fp16 or int8', default: 'fp32', valueName: 'dtype' },
    texts: { type: 'string', description: 'JSON array of strings', valueName: 'texts.json' },
    images: { type: 'list', description: 'image files, kept in order', valueName: 'file' },
    'max-length': { type: 'number', description: 'truncate texts to N tokens', valueName: 'N' },
    out: { type: 'string', description: 'output safetensors file', required: true, valueName: 'file.safetensors' },
    tokenizer: tokenizerOption,
  },
  async run({ options }, io) {
    if (options.texts === undefined && options.images === undefined) throw new UsageError('give --texts, --images or both');
    assertBackendName(String(options.backend));
    const dir = modelFolder(io, String(options.model));
    const processor = await loadProcessor(dir, options.tokenizer);
    const out: Record<string, Tensor> = {};
    let texts: { inputIds: Tensor<'int64'>; attentionMask: Tensor<'int64'> } | undefined;
    if (options.texts !== undefined) {
      const strings = await readTextsFile(resolvePath(io, String(options.texts)), String(options.texts));
      const enc = await encodeTexts(processor, strings, options['max-length']);
      texts = { inputIds: idsTensor(enc.inputIds), attentionMask: idsTensor(enc.attentionMask) };
      out.input_ids = texts.inputIds;
      out.attention_mask = texts.attentionMask;
    }
    if (options.images !== undefined) out.pixel_values = await preprocessImages(io, processor, options.images as string[]);

    io.stderr(`loading ${options.model} on ${options.backend} (${options.dtype})\n`);
    const model = await loadModel(dir, String(options.backend), options.dtype);
    try {
      if (texts) out.text_embeds = l2Normalize(await model.getTextFeatures(texts));
      if (out.pixel_values) out.image_embeds = l2Normalize(await model.getImageFeatures({ pixelValues: out.pixel_values as Tensor<'float32'> }));
      if (out.text_embeds && out.image_embeds) {
        const { logitsPerImage, logitsPerText } = similarityLogits(out.text_embeds as Tensor<'float32'>, out.image_embeds as Tensor<'float32'>, model.logitScale);
        out.logits_per_image = logitsPerImage;
        out.logits_per_text = logitsPerText;
      }
    } finally {
      await model.dispose();
    }
    await writeFile(resolvePath(io, String(options.out)), writeSafetensors(out, { format: 'pt' }));
    io.stderr(`wrote ${Object.keys(out).join(', ')} to ${options.out}\n`);
  },
});

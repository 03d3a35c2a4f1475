import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AltCLIPConfig } from '@altclip/config';
import { Tensor, writeSafetensors } from '@altclip/core';
import { idsTensor } from '../pipeline/idsTensor.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';

const DEFAULT_TEXTS = ['a photo of a cat', '一只猫的照片', 'una foto de un gato', 'фотография кошки', 'صورة قطة', 'ein Foto von einem Hund'];
const IMAGE_FILE = /\.(png|jpe?g|webp|gif)$/i;

/** The outputs compared when a folder has no golden tensors: the model's main outputs, every layer included. */
function outputNames(config: AltCLIPConfig): string[] {
  const names = [
    'model/text_embeds', 'model/image_embeds', 'model/logits_per_image', 'model/logits_per_text', 'model/loss',
    'text_model/last_hidden_state', 'text_model/pooler_output', 'vision_model/last_hidden_state', 'vision_model/pooler_output',
    'model/get_text_features', 'model/get_image_features',
  ];
  for (const [tower, cfg] of [['text_model', config.text_config], ['vision_model', config.vision_config]] as const) {
    for (let i = 0; i <= cfg.num_hidden_layers; i++) names.push(`${tower}/hidden_states/${i}`);
    for (let i = 0; i < cfg.num_hidden_layers; i++) names.push(`${tower}/attentions/${i}`);
  }
  return names;
}

/**
 * Inputs for a parity run on a folder without expected.safetensors: its texts.json and images/ when present,
 * else a few multilingual captions and seeded pixels — packaged as the expected.json/expected.safetensors
 * pair core's ParityRun reads, with no golden outputs (those come from the onnx-node run).
 */
export async function syntheticFixtureFiles(dir: string, config: AltCLIPConfig): Promise<Record<string, Uint8Array>> {
  const processor = await loadProcessor(dir);
  const texts = existsSync(join(dir, 'texts.json')) ? (JSON.parse(await readFile(join(dir, 'texts.json'), 'utf8')) as string[]) : DEFAULT_TEXTS;
  const maxLength = config.text_config.max_position_embeddings - 2;
  const enc = await processor({ text: texts, padding: true, truncation: true, maxLength });
  const imageDir = join(dir, 'images');
  const imageFiles = existsSync(imageDir) ? readdirSync(imageDir).filter((f) => IMAGE_FILE.test(f)).sort().map((f) => join(imageDir, f)) : [];
  let pixels: Tensor<'float32'>;
  if (imageFiles.length > 0) {
    const { pixelValues } = await processor({ images: imageFiles });
    pixels = new Tensor('float32', pixelValues!.data, pixelValues!.dims);
  } else {
    const { num_channels: c, image_size: s } = config.vision_config;
    const data = new Float32Array(4 * c * s * s);
    let x = 7;
    for (let i = 0; i < data.length; i++) {
      x = (x * 1664525 + 1013904223) >>> 0;
      data[i] = (x / 2 ** 32) * 4 - 2;
    }
    pixels = new Tensor('float32', data, [4, c, s, s]);
  }
  const inputIds = idsTensor(enc.inputIds as number[][]);
  const firstLength = (enc.attentionMask as number[][])[0].reduce((a, b) => a + b, 0);
  const tensors = {
    'tokenizer/batch/input_ids': inputIds,
    'tokenizer/batch/attention_mask': idsTensor(enc.attentionMask as number[][]),
    'tokenizer/ids/00': idsTensor([(enc.inputIds as number[][])[0].slice(0, firstLength)]),
    'image/pixel_values_batch': pixels,
  };
  const expectedJson = { tensors: Object.fromEntries(outputNames(config).map((n) => [n, { dtype: 'F32', shape: [], call: 'onnx-node output (no golden tensors in this folder)' }])) };
  return {
    'expected.safetensors': writeSafetensors(tensors),
    'expected.json': new TextEncoder().encode(JSON.stringify(expectedJson)),
  };
}

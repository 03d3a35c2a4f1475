// The root README's example, run from an installed project against the bundled fixture, checked against the
// logits Hugging Face transformers computed for the same inputs (the fixture's expected.safetensors).
// Usage: node readme-example.mjs <fixture dir>
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AltCLIPModel, readSafetensors } from '@altclip/core';
import { tolerancesFor } from '@altclip/core/parity';
import { AltCLIPProcessor } from '@altclip/processor';
import { createOnnxNodeBackend } from '@altclip/backend-onnx/node';

const fixture = process.argv[2];
const expectedJson = JSON.parse(await readFile(join(fixture, 'expected.json'), 'utf8'));
// Short texts (no truncation needed) and the first images of the fixture's batch.
const texts = expectedJson.texts.slice(0, 3);
const images = expectedJson.images.slice(0, 3).map((image) => join(fixture, 'images', image.file));

const processor = await AltCLIPProcessor.fromPretrained(fixture);
const model = await AltCLIPModel.fromPretrained(fixture, { backend: createOnnxNodeBackend() });
const inputs = await processor({ text: texts, images, padding: true, returnTensors: 'int64' });
const { logitsPerImage } = await model.forward(inputs);

const expected = (await readSafetensors(new Uint8Array(await readFile(join(fixture, 'expected.safetensors'))))).get('model/logits_per_image');
const nTexts = expected.dims[1];
let maxAbs = 0;
for (let i = 0; i < images.length; i++) {
  for (let j = 0; j < texts.length; j++) {
    maxAbs = Math.max(maxAbs, Math.abs(logitsPerImage.data[i * texts.length + j] - expected.data[i * nTexts + j]));
  }
}
const tolerance = tolerancesFor('onnx', 'fp32').logits;
console.log(JSON.stringify({ dims: logitsPerImage.dims, maxAbs, tolerance }));
await model.dispose?.();
if (!(maxAbs <= tolerance)) {
  console.error(`logits differ from Hugging Face's by ${maxAbs} (tolerance ${tolerance})`);
  process.exit(1);
}

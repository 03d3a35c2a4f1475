import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureUrl, ReferenceBackend, tolerancesFor } from '@altclip/core/parity';
import { LoopbackHub } from '@altclip/hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AltCLIPModel, AltCLIPProcessor, pipeline } from './index.js';

// HF's documented AltCLIP usage (https://huggingface.co/docs/transformers/model_doc/altclip#usage), line by line,
// against a hub on 127.0.0.1 serving the fixture as 'BAAI/AltCLIP' and an HTTP server serving the image.
// Expected: the same lines run by HF transformers 4.47.1 (scripts/generate-hf-docs-example.py).
const dir = fileURLToPath(fixtureUrl());
const expected = JSON.parse(readFileSync(new URL('./__fixtures__/hf-docs-example.json', import.meta.url), 'utf8')) as {
  image: string;
  input_ids: number[][];
  logits_per_image: number[][];
  probs: number[][];
};

describe("HF's AltCLIP usage example", () => {
  let hub: LoopbackHub;
  let images: Server;
  let imageBase: string;
  let cacheDir: string;

  beforeAll(async () => {
    const files = await LoopbackHub.readFolder(dir, [
      'config.json',
      'model.safetensors',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'special_tokens_map.json',
      'sentencepiece.bpe.model',
    ]);
    hub = await LoopbackHub.start({ repos: { 'BAAI/AltCLIP': files } });
    const jpeg = await readFile(join(dir, 'images', expected.image));
    images = createServer((req, res) => {
      if (req.url !== '/val2017/000000039769.jpg') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    cacheDir = await mkdtemp(join(tmpdir(), 'altclip-hf-docs-'));
  });
  afterAll(async () => {
    await hub.close();
    await new Promise((resolve) => images.close(resolve));
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('gives HF\'s probabilities', async () => {
    const hubOptions = { cacheDir, token: false as const, hub: { endpoint: hub.endpoint, env: {} } };

    // model = AltCLIPModel.from_pretrained("BAAI/AltCLIP")
    const model = await AltCLIPModel.fromPretrained('BAAI/AltCLIP', { backend: new ReferenceBackend(), ...hubOptions });
    // processor = AltCLIPProcessor.from_pretrained("BAAI/AltCLIP")
    const processor = await AltCLIPProcessor.fromPretrained('BAAI/AltCLIP', hubOptions);
    // url = "http://images.cocodataset.org/val2017/000000039769.jpg"
    const url = `${imageBase}/val2017/000000039769.jpg`;
    // image = Image.open(requests.get(url, stream=True).raw)
    const image = new Uint8Array(await (await fetch(url)).arrayBuffer());
    // inputs = processor(text=["a photo of a cat", "a photo of a dog"], images=image, return_tensors="pt", padding=True)
    const inputs = await processor({ text: ['a photo of a cat', 'a photo of a dog'], images: image, returnTensors: 'int64', padding: true });
    // outputs = model(**inputs)
    const outputs = await model.forward(inputs);
    // logits_per_image = outputs.logits_per_image  # this is the image-text similarity score
    const logitsPerImage = outputs.logitsPerImage;
    // probs = logits_per_image.softmax(dim=1)  # we can take the softmax to get the label probabilities
    const probs = logitsPerImage.softmax(1);

    // The fast tokenizer (HF's default here) gives the ids HF's slow one gave in the oracle run.
    expect(Array.from(inputs.inputIds.data, Number)).toEqual(expected.input_ids.flat());
    const tol = tolerancesFor('*', 'fp32');
    const got = probs.toArray();
    expected.probs.flat().forEach((p, i) => {
      expect(Math.abs(got[i] - p)).toBeLessThan(tol.logits);
    });
    logitsPerImage.toArray().forEach((l, i) => {
      expect(Math.abs(l - expected.logits_per_image.flat()[i])).toBeLessThan(tol.logits);
    });
    await model.dispose();
  });

  it("pipeline('zero-shot-image-classification', 'BAAI/AltCLIP') from the same cache gives the same probabilities, offline", async () => {
    hub.requests.length = 0;
    const classifier = await pipeline('zero-shot-image-classification', 'BAAI/AltCLIP', {
      backend: new ReferenceBackend(),
      cacheDir,
      localFilesOnly: true,
      token: false,
      hub: { endpoint: hub.endpoint, env: {} },
    });
    const url = `${imageBase}/val2017/000000039769.jpg`;
    const ranked = await classifier(url, ['a photo of a cat', 'a photo of a dog'], { hypothesisTemplate: '{}' });
    expect(hub.requests).toEqual([]);
    const tol = tolerancesFor('*', 'fp32');
    expect(ranked.map((r) => r.label)).toEqual(['a photo of a cat', 'a photo of a dog']);
    expect(Math.abs(ranked[0].score - expected.probs[0][0])).toBeLessThan(tol.logits);
    await classifier.dispose();
  });
});

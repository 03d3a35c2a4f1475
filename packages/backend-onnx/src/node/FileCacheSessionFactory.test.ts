import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor } from '@altclip/core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildVisionTowerGraph } from '../graph/visionTowerGraph.js';
import { decodeModelProto } from '../proto/encodeModelProto.js';
import type { GraphRequest } from '../backend/GraphSessionFactory.js';
import { loadTinyFixture } from '../testing/tinyFixture.js';
import { maxAbsDiff } from '../testing/towerChecks.js';
import { WeightReader } from '../weights/WeightReader.js';
import { DATA_FILE, FileCacheSessionFactory, MODEL_FILE } from './FileCacheSessionFactory.js';
import { importOnnxruntimeNode } from './createOnnxNodeBackend.js';

const root = mkdtempSync(join(tmpdir(), 'altclip-onnx-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('FileCacheSessionFactory', async () => {
  const f = await loadTinyFixture();
  const ort = await importOnnxruntimeNode();
  let builds = 0;
  const request = (weights = f.vision): GraphRequest => {
    const reader = new WeightReader('vision', weights);
    const options = { dtype: 'fp32', attention: 'standard', allOutputs: false } as const;
    return {
      tower: 'vision',
      description: { config: f.visionConfig, build: options },
      hashParts: () => reader.hashParts(),
      build: () => {
        builds++;
        return buildVisionTowerGraph(f.visionConfig, reader, options);
      },
    };
  };
  const pixels = f.expected.get('image/pixel_values_batch') as Tensor<'float32'>;
  const positions = f.vision.get('embeddings.position_embedding.weight') as Tensor<'float32'>;
  const run = async (session: Awaited<ReturnType<FileCacheSessionFactory['open']>>) => {
    const out = await session.run({ pixel_values: new ort.Tensor('float32', pixels.data, pixels.dims), position_embedding: new ort.Tensor('float32', positions.data, positions.dims) });
    const e = out.image_embeds;
    return new Tensor('float32', e.data as Float32Array, e.dims);
  };

  it('writes model + external data, and a second open skips the build', async () => {
    const factory = new FileCacheSessionFactory({ cacheDir: root });
    const first = await factory.open(ort, request(), {});
    expect(builds).toBe(1);
    expect(maxAbsDiff(await run(first), f.expected.get('model/get_image_features') as Tensor)).toBeLessThan(1e-5);
    const second = await factory.open(ort, request(), {});
    expect(builds).toBe(1);
    expect(maxAbsDiff(await run(second), f.expected.get('model/get_image_features') as Tensor)).toBeLessThan(1e-5);
    await first.release();
    await second.release();
  });

  it('stores big initializers as page-aligned external data and keeps the model small', () => {
    const [entry] = readdirSync(root);
    const model = decodeModelProto(new Uint8Array(readFileSync(join(root, entry, MODEL_FILE))));
    expect(existsSync(join(root, entry, DATA_FILE))).toBe(true);
    const graph = model.graph as { initializer: { name: string; data_location?: number; external_data?: { key: string; value: string }[] }[] };
    const patch = graph.initializer.find((i) => i.name === 'embeddings.patch_embedding.weight');
    expect(patch?.data_location).toBe(1);
    const offset = Number(patch?.external_data?.find((e) => e.key === 'offset')?.value);
    expect(offset % 4096).toBe(0);
    expect(model.opset_import).toContainEqual({ domain: '', version: 17 });
  });

  it('changed weights give a new cache entry', async () => {
    const changed = new Map(f.vision);
    const w = f.vision.get('post_layernorm.bias') as Tensor<'float32'>;
    changed.set('post_layernorm.bias', new Tensor('float32', w.data.map((v) => v + 1), w.dims));
    const factory = new FileCacheSessionFactory({ cacheDir: root });
    const before = builds;
    await (await factory.open(ort, request(changed), {})).release();
    expect(builds).toBe(before + 1);
  });
});

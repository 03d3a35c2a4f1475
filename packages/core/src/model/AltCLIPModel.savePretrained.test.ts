import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSafetensors } from '../checkpoint/safetensors/SafetensorsFile.js';
import { parseShardSize } from '../saving/shardStateDict.js';
import { Tensor } from '../tensor/Tensor.js';
import { fixtureUrl } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { CheckpointError } from '../weights/CheckpointError.js';
import { AltCLIPModel } from './AltCLIPModel.js';
import { AltCLIPTextModel } from './AltCLIPTextModel.js';
import { AltCLIPVisionModel } from './AltCLIPVisionModel.js';

// savePretrained against what HF's save_pretrained wrote for the fixture (test-support/hf-saved, names/shapes/index
// from scripts/oracle/save_pretrained_fixture.py), and fromPretrained(savePretrained(model)) round trips. That HF's
// AltCLIPModel.from_pretrained loads these folders with no missing/unexpected keys was checked once with the oracle
// (the same script, second argument; see core's README).
const fixture = fileURLToPath(fixtureUrl());
const hfSaved = fileURLToPath(new URL('./test-support/hf-saved/', import.meta.url));
type Header = Record<string, { dtype: string; shape: number[] } | Record<string, string>>;

async function header(file: string): Promise<Header> {
  const bytes = new Uint8Array(await readFile(file));
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const raw = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, { dtype: string; shape: number[] }>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, k === '__metadata__' ? v : { dtype: v.dtype, shape: v.shape }]));
}
const hfJson = async (name: string) => JSON.parse(await readFile(join(hfSaved, name), 'utf8'));
const withoutNameOrPath = (text: string) => text.replace(/^ {2}"_name_or_path": ".*",\n/m, '');

const inputs = {
  inputIds: [
    [0, 5, 9, 17, 2],
    [0, 44, 2, 1, 1],
  ],
  attentionMask: [
    [1, 1, 1, 1, 1],
    [1, 1, 1, 0, 0],
  ],
  pixelValues: new Tensor('float32', Float32Array.from({ length: 2 * 3 * 30 * 30 }, (_, i) => Math.sin(i / 7)), [2, 3, 30, 30]),
};

describe('AltCLIPModel.savePretrained', () => {
  let model: AltCLIPModel;
  let reference: Awaited<ReturnType<AltCLIPModel['forward']>>;
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'altclip-model-save-'));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    model = await AltCLIPModel.fromPretrained(fixture, { backend: new ReferenceBackend() });
    reference = await model.forward(inputs);
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("writes HF's config.json and state_dict (names, dtypes, shapes, metadata); the fixture's tensors bit for bit; reloads to identical outputs", async () => {
    const dir = await tmp();
    const written = await model.savePretrained(dir);
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model.safetensors']);
    expect(written.map((p) => p.slice(dir.length + 1)).sort()).toEqual(['config.json', 'model.safetensors']);
    const config = await readFile(join(dir, 'config.json'), 'utf8');
    expect(JSON.parse(config)._name_or_path).toBe(fixture);
    expect(withoutNameOrPath(config)).toBe(withoutNameOrPath(await readFile(join(hfSaved, 'model/config.json'), 'utf8')));
    expect(await header(join(dir, 'model.safetensors'))).toEqual(await hfJson('model/model.safetensors.header.json'));
    const saved = await readSafetensors(new Uint8Array(await readFile(join(dir, 'model.safetensors'))));
    const original = await readSafetensors(new Uint8Array(await readFile(join(fixture, 'model.safetensors'))));
    expect([...saved.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [name, tensor] of original) expect(Buffer.compare(Buffer.from(saved.get(name)?.data.buffer as ArrayBuffer, saved.get(name)?.data.byteOffset, saved.get(name)?.data.byteLength), Buffer.from(tensor.data.buffer as ArrayBuffer, tensor.data.byteOffset, tensor.data.byteLength)), name).toBe(0);

    const reloaded = await AltCLIPModel.fromPretrained(dir, { backend: new ReferenceBackend() });
    expect(reloaded.loadReport).toEqual({ missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    const out = await reloaded.forward(inputs);
    expect(out.logitsPerImage.data).toEqual(reference.logitsPerImage.data);
    expect(out.textEmbeds.data).toEqual(reference.textEmbeds.data);
  });

  it("shards above maxShardSize with HF's index (byte-identical) and shard layout; reloads to identical outputs", async () => {
    const dir = await tmp();
    await model.savePretrained(dir, { maxShardSize: '200KB' });
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'model.safetensors.index.json']);
    expect(await readFile(join(dir, 'model.safetensors.index.json'), 'utf8')).toBe(await readFile(join(hfSaved, 'sharded/model.safetensors.index.json'), 'utf8'));
    for (const shard of ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']) {
      expect(await header(join(dir, shard))).toEqual(await hfJson(`sharded/${shard}.header.json`));
    }
    const reloaded = await AltCLIPModel.fromPretrained(dir, { backend: new ReferenceBackend() });
    expect((await reloaded.forward(inputs)).logitsPerImage.data).toEqual(reference.logitsPerImage.data);
    // Saving again into the same folder unsharded leaves no stale shards behind.
    await model.savePretrained(dir);
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model.safetensors']);
  });

  it('fromConfig models save their seeded weights; fromWeights models need the stateDict; bad sizes are typed errors', async () => {
    const random = await AltCLIPModel.fromConfig(model.config, { backend: new ReferenceBackend(), seed: 7 });
    const dir = await tmp();
    await random.savePretrained(dir);
    const reloaded = await AltCLIPModel.fromPretrained(dir, { backend: new ReferenceBackend() });
    expect((await reloaded.forward(inputs)).logitsPerImage.data).toEqual((await random.forward(inputs)).logitsPerImage.data);

    const stateDict = await readSafetensors(new Uint8Array(await readFile(join(fixture, 'model.safetensors'))));
    const built = await AltCLIPModel.fromWeights(model.config, stateDict, { backend: new ReferenceBackend() });
    await expect(built.savePretrained(await tmp())).rejects.toThrow(CheckpointError);
    const viaStateDict = await tmp();
    await built.savePretrained(viaStateDict, { stateDict });
    expect(await header(join(viaStateDict, 'model.safetensors'))).toEqual(await hfJson('model/model.safetensors.header.json'));

    expect(parseShardSize('5GB')).toBe(5e9);
    expect(parseShardSize('200KB')).toBe(200_000);
    expect(parseShardSize('1GiB')).toBe(2 ** 30);
    expect(() => parseShardSize('big')).toThrow(CheckpointError);
    expect(() => parseShardSize(0)).toThrow(/maxShardSize/);
  });

  it("AltCLIPTextModel and AltCLIPVisionModel save HF's tower config.json and state_dict names; reload to identical outputs", async () => {
    const options = { backend: new ReferenceBackend(), onWarning: () => {} };
    const text = await AltCLIPTextModel.fromPretrained(fixture, options);
    const textDir = await tmp();
    await text.savePretrained(textDir);
    expect(withoutNameOrPath(await readFile(join(textDir, 'config.json'), 'utf8'))).toBe(withoutNameOrPath(await readFile(join(hfSaved, 'text/config.json'), 'utf8')));
    expect(await header(join(textDir, 'model.safetensors'))).toEqual(await hfJson('text/model.safetensors.header.json'));
    const textAgain = await AltCLIPTextModel.fromPretrained(textDir, options);
    expect(textAgain.loadReport).toEqual({ missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    const ids = { inputIds: inputs.inputIds, attentionMask: inputs.attentionMask };
    expect((await textAgain.forward(ids)).poolerOutput.data).toEqual((await text.forward(ids)).poolerOutput.data);

    const vision = await AltCLIPVisionModel.fromPretrained(fixture, options);
    const visionDir = await tmp();
    await vision.savePretrained(visionDir);
    expect(withoutNameOrPath(await readFile(join(visionDir, 'config.json'), 'utf8'))).toBe(withoutNameOrPath(await readFile(join(hfSaved, 'vision/config.json'), 'utf8')));
    expect(await header(join(visionDir, 'model.safetensors'))).toEqual(await hfJson('vision/model.safetensors.header.json'));
    const visionAgain = await AltCLIPVisionModel.fromPretrained(visionDir, options);
    expect(visionAgain.loadReport).toEqual({ missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    const pixels = { pixelValues: inputs.pixelValues };
    expect((await visionAgain.forward(pixels)).poolerOutput.data).toEqual((await vision.forward(pixels)).poolerOutput.data);
  });
});

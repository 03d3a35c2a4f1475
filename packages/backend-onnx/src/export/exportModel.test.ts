import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, AltCLIPTextModel, BackendResolutionError, EXPORT_MANIFEST_FILE, ExportedModelError, resolveModelFiles, type WeightDType } from '@altclip/core';
import { createReferenceBackend, fixtureUrl } from '@altclip/core/parity';
import { describeParity } from '@altclip/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { ExportError } from './ExportError.js';
import { type ExportResult, exportModel } from './exportModel.js';
import { fixtureShapedInputs } from './exportParity.js';

const FIXTURE = fileURLToPath(fixtureUrl());
const root = mkdtempSync(join(tmpdir(), 'altclip-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const exports = new Map<string, Promise<ExportResult>>();
/** One export per dtype (and name), shared by the suites below. */
function exported(dtype: WeightDType, name: string = dtype, extra: Partial<Parameters<typeof exportModel>[0]> = {}): Promise<ExportResult> {
  let p = exports.get(name);
  if (!p) {
    p = exportModel({ model: FIXTURE, out: join(root, name), dtype, ...extra });
    exports.set(name, p);
  }
  return p;
}
const backend = () => createOnnxNodeBackend({ cacheDir: false, sessionOptions: { intraOpNumThreads: 1 } });
const files = (dtype: WeightDType) => async () => resolveModelFiles((await exported(dtype)).out);

// The whole parity suite on each exported folder: golden tensors from the fixture, models from the
// export (no checkpoint in it; the graphs are opened by path), bounds of the dtype (int8/q4: core's error model).
for (const dtype of ['fp32', 'fp16', 'int8', 'q4'] as const) {
  describeParity({ name: 'onnx-node', createBackend: backend, dtype, modelFiles: files(dtype) });
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('exportModel', () => {
  it('writes a self-contained folder: graphs with external data, config, tokenizer and preprocessor files, extras, manifest — no checkpoint', async () => {
    const { out, manifest } = await exported('q4');
    expect(listing(out)).toEqual([
      'altclip_export.json',
      'altclip_extras.safetensors',
      'config.json',
      'onnx/text_model.onnx',
      'onnx/text_model.onnx.data',
      'onnx/text_model_all_outputs.onnx',
      'onnx/vision_model.onnx',
      'onnx/vision_model.onnx.data',
      'onnx/vision_model_all_outputs.onnx',
      'preprocessor_config.json',
      'sentencepiece.bpe.model',
      'special_tokens_map.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    // Copied byte for byte.
    for (const f of ['config.json', 'tokenizer.json', 'sentencepiece.bpe.model', 'preprocessor_config.json']) expect(sha(join(out, f))).toBe(sha(join(FIXTURE, f)));
    // The manifest lists every other file with its size and sha256.
    const onDisk = JSON.parse(readFileSync(join(out, EXPORT_MANIFEST_FILE), 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(manifest.files.map((f) => f.path)).toEqual(listing(out).filter((f) => f !== EXPORT_MANIFEST_FILE));
    for (const f of manifest.files) {
      expect(f.size).toBe(statSync(join(out, f.path)).size);
      expect(f.sha256).toBe(sha(join(out, f.path)));
    }
    expect(manifest).toMatchObject({ format: 'altclip-export', version: 1, artifact: 'onnx/1', dtype: 'q4', backend: { opset: 17, graphFormatVersion: 3, q4: { linearWeights: 'int4-block-symmetric', blockSize: 32, embeddingTableGrid: 'int4-block-symmetric' } } });
    expect(manifest.towers.text?.inputs).toEqual(['input_ids', 'position_ids', 'token_type_ids', 'additive_mask']);
    expect(manifest.towers.vision?.outputs).toEqual(['last_hidden_state', 'pooler_output', 'image_embeds']);
  }, 120_000);

  it('records parity measured at export against the float64 reference (fp32 within core fp32 tolerance)', async () => {
    const { manifest } = await exported('fp32');
    const parity = manifest.parity as { textEmbeds: number; imageEmbeds: number; logitsPerText: number };
    expect(parity.textEmbeds).toBeLessThan(1e-5);
    expect(parity.imageEmbeds).toBeLessThan(1e-5);
    expect(parity.logitsPerText).toBeLessThan(1e-3);
    const q4 = (await exported('q4')).manifest.parity as { textEmbeds: number };
    // 4-bit weights move the embeddings visibly, but not to noise (unit vectors: 2 would be opposite).
    expect(q4.textEmbeds).toBeGreaterThan(1e-3);
    expect(q4.textEmbeds).toBeLessThan(0.5);
  }, 120_000);

  it.each(['int8', 'q4'] as const)('is deterministic: exporting %s again gives byte-identical files', async (dtype) => {
    const first = await exported(dtype);
    const again = await exportModel({ model: FIXTURE, out: join(root, `${dtype}-again`), dtype });
    const names = listing(first.out);
    expect(listing(again.out)).toEqual(names);
    for (const name of names) expect(sha(join(again.out, name)), name).toBe(sha(join(first.out, name)));
  }, 120_000);

  it('loads by URL (fetch, graphs and external data as buffers) the same as by path', async () => {
    const { out } = await exported('fp32');
    const http = await import('node:http');
    const server = http.createServer((req, res) => {
      try {
        const body = readFileSync(join(out, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
        res.writeHead(200, { 'content-length': body.byteLength }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const progress = new Set<string>();
    try {
      const byUrl = await AltCLIPModel.fromPretrained(`http://127.0.0.1:${port}/`, { backend: backend(), onProgress: (e) => progress.add(e.file) });
      const byPath = await AltCLIPModel.fromPretrained(out, { backend: backend() });
      const inputs = fixtureShapedInputs(byPath.config);
      const [a, b] = [await byUrl.forward(inputs), await byPath.forward(inputs)];
      expect(Array.from(a.logitsPerText.data)).toEqual(Array.from(b.logitsPerText.data));
      expect(progress).toContain('onnx/text_model.onnx.data');
      await Promise.all([byUrl.dispose(), byPath.dispose()]);
    } finally {
      server.close();
    }
  }, 120_000);

  it('refuses what it cannot do, naming the option', async () => {
    const { out } = await exported('fp32');
    await expect(AltCLIPModel.fromPretrained(out, { backend: backend(), dtype: 'int8' })).rejects.toThrow(ExportedModelError);
    await expect(AltCLIPModel.fromPretrained(out, { backend: backend(), dtype: 'int8' })).rejects.toThrow(/exported as 'fp32'/);
    await expect(AltCLIPModel.fromPretrained(out, { backend: createReferenceBackend() })).rejects.toThrow(BackendResolutionError);
    await expect(exportModel({ model: FIXTURE, out, dtype: 'fp32' })).rejects.toThrow(ExportError);
    await expect(exportModel({ model: out, out: join(root, 'of-export') })).rejects.toThrow(/already an exported folder/);
    await expect(exportModel({ model: FIXTURE, out: join(root, 'bad'), dtype: 'int8', target: 'webgpu' })).rejects.toThrow(ExportError);
    // int8 exported per-tensor, loaded by a per-row backend: the scheme it declares would be wrong.
    const int8 = await exported('int8');
    await expect(AltCLIPModel.fromPretrained(int8.out, { backend: createOnnxNodeBackend({ cacheDir: false, int8Activations: 'per-row' }) })).rejects.toThrow(/int8Activations/);
    // A q4 folder of graph format 2 (int8 text tables, as its manifest declares) is not what this backend computes.
    const q4 = await exported('q4');
    const old = join(root, 'q4-format-2');
    cpSync(q4.out, old, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(old, EXPORT_MANIFEST_FILE), 'utf8'));
    const { embeddingTableGrid: _, ...formerScheme } = manifest.backend.q4;
    writeFileSync(join(old, EXPORT_MANIFEST_FILE), JSON.stringify({ ...manifest, backend: { ...manifest.backend, graphFormatVersion: 2, q4: formerScheme } }));
    await expect(AltCLIPModel.fromPretrained(old, { backend: backend() })).rejects.toThrow(/graph format 2\).*export the folder again/);
  }, 120_000);

  it('exports one tower: the text model loads, the full model is refused with the flag to use', async () => {
    const { out, manifest } = await exportModel({ model: FIXTURE, out: join(root, 'text-only'), dtype: 'fp32', towers: ['text'] });
    expect(Object.keys(manifest.towers)).toEqual(['text']);
    await expect(AltCLIPModel.fromPretrained(out, { backend: backend() })).rejects.toThrow(/no vision tower.*--towers text,vision/);
    const text = await AltCLIPTextModel.fromPretrained(out, { backend: backend() });
    const fromCheckpoint = await AltCLIPTextModel.fromPretrained(FIXTURE, { backend: createReferenceBackend(), onWarning: () => {} });
    const { inputIds, attentionMask } = fixtureShapedInputs(AltCLIPConfig.fromDict(JSON.parse(readFileSync(join(FIXTURE, 'config.json'), 'utf8'))));
    const [a, b] = [await text.forward({ inputIds, attentionMask }), await fromCheckpoint.forward({ inputIds, attentionMask })];
    const diff = Math.max(...Array.from(a.poolerOutput.data as Float32Array, (v, i) => Math.abs(v - (b.poolerOutput.data as Float64Array | Float32Array)[i])));
    expect(diff).toBeLessThan(1e-4);
    await Promise.all([text.dispose(), fromCheckpoint.dispose()]);
  }, 120_000);
});

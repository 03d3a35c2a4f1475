import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WeightDType, resolveModelFiles } from '@altclip/core';
import { fixtureUrl } from '@altclip/core/parity';
import { describeParity } from '@altclip/core/testing';
import { AltCLIPModel } from '@altclip/core';
import { afterAll, describe, expect, it } from 'vitest';
import { WasmMemoryError } from '../backend/WasmMemoryError.js';
import { createOnnxWebBackend } from '../web/createOnnxWebBackend.js';
import { exportModel } from './exportModel.js';

// Exported folders on onnxruntime-web (wasm, in Node): graphs and external data reach ORT as buffers
// read through the folder's ModelFiles — the browser path — and pass the suite at their dtype's bounds.
const root = mkdtempSync(join(tmpdir(), 'altclip-export-web-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const backend = () => createOnnxWebBackend({ sessionOptions: { executionProviders: ['wasm'] } });
for (const dtype of ['int8', 'q4'] as WeightDType[]) {
  const files = async () => resolveModelFiles((await exportModel({ model: fileURLToPath(fixtureUrl()), out: join(root, dtype), dtype, parity: false })).out);
  describeParity({ name: 'onnx-web', createBackend: backend, dtype, modelFiles: files });
}

describe('onnx-web (wasm) refuses exported models that cannot fit its heap', () => {
  it('before reading the graphs, naming the dtype to use (fp32 → int8/q4; fp16 counts double: ORT widens it)', async () => {
    const fp32 = await exportModel({ model: fileURLToPath(fixtureUrl()), out: join(root, 'fp32'), dtype: 'fp32', parity: false });
    const text = fp32.manifest.files.filter((f) => f.path.startsWith('onnx/text_model.onnx')).reduce((n, f) => n + f.size, 0);
    // A limit just below the text tower: the full-size case (3.3 GB of fp32 weights) scaled to the fixture.
    const small = () => createOnnxWebBackend({ wasmMemoryLimit: text - 1, sessionOptions: { executionProviders: ['wasm'] } });
    const load = AltCLIPModel.fromPretrained(fp32.out, { backend: small() });
    await expect(load).rejects.toThrow(WasmMemoryError);
    await expect(AltCLIPModel.fromPretrained(fp32.out, { backend: small() })).rejects.toThrow(/use dtype 'int8' or 'q4'/);
    // The same limit holds the q4 export (its files are ~7× smaller).
    const q4 = await AltCLIPModel.fromPretrained(join(root, 'q4'), { backend: small() });
    await q4.dispose();
  }, 120_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WeightDType, resolveModelFiles } from '@altclip/core';
import { fixtureUrl } from '@altclip/core/parity';
import { describeParity } from '@altclip/core/testing';
import { afterAll } from 'vitest';
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

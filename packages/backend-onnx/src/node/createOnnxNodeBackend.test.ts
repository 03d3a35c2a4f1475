import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeParity } from '@altclip/core/testing';
import { afterAll } from 'vitest';
import { createOnnxNodeBackend } from './createOnnxNodeBackend.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'altclip-onnx-node-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const backend = () => createOnnxNodeBackend({ cacheDir, sessionOptions: { intraOpNumThreads: 1 } });

describeParity({ name: 'onnx-node', createBackend: backend });
describeParity({ name: 'onnx-node', createBackend: backend, dtype: 'fp16' });
// Half-precision activations too (meant for WebGPU; ORT's CPU EP runs the graph as well).
describeParity({ name: 'onnx-node-fp16-compute', createBackend: backend, dtype: 'fp16', backendOptions: { compute: 'float16' } });

// int8's bounds are core's error model for the scheme each backend declares (see int8ErrorBounds).
describeParity({ name: 'onnx-node', createBackend: backend, dtype: 'int8' });
describeParity({ name: 'onnx-node-int8-per-row', createBackend: () => createOnnxNodeBackend({ cacheDir, int8Activations: 'per-row', sessionOptions: { intraOpNumThreads: 1 } }), dtype: 'int8' });

// q4 (MatMulNBits, 4-bit blocks of 32): bounded by the same error model, from capabilities.q4.
describeParity({ name: 'onnx-node', createBackend: backend, dtype: 'q4' });
describeParity({ name: 'onnx-node-q4-zero-points', createBackend: () => createOnnxNodeBackend({ cacheDir, q4ZeroPoints: true, sessionOptions: { intraOpNumThreads: 1 } }), dtype: 'q4' });

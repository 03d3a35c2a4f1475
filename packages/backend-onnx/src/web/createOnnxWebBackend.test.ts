import { describeParity } from '@altclip/core/testing';
import { createOnnxWebBackend } from './createOnnxWebBackend.js';

// onnxruntime-web's Node build runs the wasm EP in this process.
const backend = () => createOnnxWebBackend({ sessionOptions: { executionProviders: ['wasm'] } });
describeParity({ name: 'onnx-web', createBackend: backend });
describeParity({ name: 'onnx-web', createBackend: backend, dtype: 'fp16' });
describeParity({ name: 'onnx-web', createBackend: backend, dtype: 'int8' });

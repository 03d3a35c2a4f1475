import { describeParity } from '@altclip/core/testing';
import { createOnnxWebBackend } from './createOnnxWebBackend.js';

// onnxruntime-web's Node build runs the wasm EP in this process.
const backend = () => createOnnxWebBackend({ sessionOptions: { executionProviders: ['wasm'] } });
describeParity({ name: 'onnx-web', createBackend: backend });
describeParity({ name: 'onnx-web', createBackend: backend, dtype: 'fp16' });
describeParity({ name: 'onnx-web', createBackend: backend, dtype: 'int8' });
describeParity({ name: 'onnx-web-int8-per-row', createBackend: () => createOnnxWebBackend({ int8Activations: 'per-row', sessionOptions: { executionProviders: ['wasm'] } }), dtype: 'int8' });
// q4: com.microsoft.MatMulNBits on the wasm EP, bounded by core's error model from capabilities.q4.
describeParity({ name: 'onnx-web', createBackend: backend, dtype: 'q4' });

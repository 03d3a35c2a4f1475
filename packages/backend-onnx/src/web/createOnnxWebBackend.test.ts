import { describeParity } from '@altclip/core/testing';
import { createOnnxWebBackend } from './createOnnxWebBackend.js';

// onnxruntime-web's Node build runs the wasm EP in this process.
describeParity({ name: 'onnx-web', createBackend: () => createOnnxWebBackend({ sessionOptions: { executionProviders: ['wasm'] } }) });

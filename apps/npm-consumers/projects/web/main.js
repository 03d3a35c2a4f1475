// A browser page using core + processor + the web backends, as an app would write it: bundled by Vite and by
// esbuild --platform=browser from the installed tarballs. Nothing runs at build time; the build must resolve.
import { AltCLIPModel } from '@altclip/core';
import { AltCLIPProcessor } from '@altclip/processor';
import { createOnnxWebBackend } from '@altclip/backend-onnx';
import { createWebGPUBackend } from '@altclip/backend-webgpu';
import { createTfjsBackend } from '@altclip/backend-tfjs';

const model = '/models/altclip-tiny/';
document.body.textContent = 'loading…';
const processor = await AltCLIPProcessor.fromPretrained(model);
// tfjs with only @tensorflow/tfjs-core installed: its optional runtime packages must not be needed to bundle.
const backend = navigator.gpu ? createWebGPUBackend() : location.hash === '#tfjs' ? createTfjsBackend() : createOnnxWebBackend();
const altclip = await AltCLIPModel.fromPretrained(model, { backend });
const inputs = await processor({ text: ['a cat', 'a dog'], images: ['/cat.png'], padding: true, returnTensors: 'int64' });
const { logitsPerImage } = await altclip.forward(inputs);
document.body.textContent = JSON.stringify(Array.from(logitsPerImage.data));

const ort = await import('onnxruntime-web');
const o = ort.default ?? ort;
o.env.wasm.numThreads = Number(process.argv[2]);
console.log('numThreads', o.env.wasm.numThreads, 'SAB', typeof SharedArrayBuffer);
const fs = await import('node:fs');
const dir = '/work/h14/.cache/exported-fixtures/fp32/onnx/';
const s = await o.InferenceSession.create(fs.readFileSync(dir+'vision_model.onnx'), { externalData: [{ path: 'vision_model.onnx.data', data: fs.readFileSync(dir+'vision_model.onnx.data') }] });
console.log('ok', s.inputNames, o.env.wasm.numThreads);

import { AltCLIPConfig } from '@altclip/config';
import { type AltCLIPBackend, AltCLIPModel, initializeParameters, modelParameterSpecs, type Tensor, toFloat32 } from '@altclip/core';
import { Int8Simulation, ReferenceBackend } from '@altclip/core/parity';
import { describe, it } from 'vitest';
import { BENCH_CONFIGS } from '../bench/benchConfigs.js';
import { fixtureShapedInputs } from '../export/exportParity.js';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { createOnnxWebBackend } from '../web/createOnnxWebBackend.js';
import { int8Scheme } from './int8Scheme.js';

// Diagnostic, not a CI test (≈ 1 min): why onnx-node (CPU EP) and onnx-web (wasm) disagree on the same int8
// graph at full size. The medium config (or ALTCLIP_INT8_KERNELS_LAYERS layers of it) with core's seeded random
// weights, int8 per-tensor, hidden states layer by layer from both runtimes and from core's float64 simulation
// of the declared scheme (exact rounding), each pair as max |a − b| / max |b|. README "int8: CPU EP vs wasm".
//   ALTCLIP_INT8_KERNELS=1 pnpm vitest run --project @altclip/backend-onnx src/quantize/int8Kernels
describe.skipIf(!process.env.ALTCLIP_INT8_KERNELS)('int8 kernels: onnx-node vs onnx-web vs the simulation (opt-in)', () => {
  it('prints the layer-by-layer differences', async () => {
    const layers = Number(process.env.ALTCLIP_INT8_KERNELS_LAYERS ?? BENCH_CONFIGS.medium.text_config.num_hidden_layers);
    const dict = {
      model_type: 'altclip',
      ...BENCH_CONFIGS.medium,
      text_config: { ...BENCH_CONFIGS.medium.text_config, num_hidden_layers: layers },
      vision_config: { ...BENCH_CONFIGS.medium.vision_config, num_hidden_layers: layers },
    };
    const config = AltCLIPConfig.fromDict(dict);
    const weights = initializeParameters(modelParameterSpecs(config), 0);
    const inputs = fixtureShapedInputs(config);
    const run = async (backend: AltCLIPBackend, dtype: 'int8' | 'fp32') => {
      const model = await AltCLIPModel.fromWeights(config, weights, { backend, dtype, onWarning: () => {} });
      const out = await model.forward({ ...inputs, outputHiddenStates: true });
      await model.dispose();
      const states = (t: readonly Tensor[] | undefined) => (t ?? []).map((s) => toFloat32(s).data);
      return { text: [...states(out.textModelOutput.hiddenStates), toFloat32(out.textEmbeds).data], vision: [...states(out.visionModelOutput.hiddenStates), toFloat32(out.imageEmbeds).data] };
    };
    const scheme = int8Scheme('per-tensor');
    const results = {
      node: await run(createOnnxNodeBackend({ cacheDir: false, sessionOptions: { intraOpNumThreads: 1 } }), 'int8'),
      wasm: await run(createOnnxWebBackend({ numThreads: 1, sessionOptions: { executionProviders: ['wasm'] } }), 'int8'),
      simulation: await run(new ReferenceBackend(new Int8Simulation(scheme, 'round').referenceOptions()), 'fp32'),
      fp32: await run(new ReferenceBackend(), 'fp32'),
      // The same comparison without quantisation: how far the two runtimes' float kernels differ.
      nodeFp32: await run(createOnnxNodeBackend({ cacheDir: false, sessionOptions: { intraOpNumThreads: 1 } }), 'fp32'),
      wasmFp32: await run(createOnnxWebBackend({ numThreads: 1, sessionOptions: { executionProviders: ['wasm'] } }), 'fp32'),
    };
    const rel = (a: Float32Array, b: Float32Array) => {
      let d = 0;
      let m = 0;
      for (let i = 0; i < b.length; i++) {
        d = Math.max(d, Math.abs(a[i] - b[i]));
        m = Math.max(m, Math.abs(b[i]));
      }
      return +(d / m).toPrecision(2);
    };
    for (const tower of ['text', 'vision'] as const) {
      const rows = results.node[tower].map((_, k) => ({
        output: k < results.node[tower].length - 1 ? `hidden_states.${k}` : 'embeds',
        nodeVsWasm: rel(results.node[tower][k], results.wasm[tower][k]),
        nodeVsSimulation: rel(results.node[tower][k], results.simulation[tower][k]),
        wasmVsSimulation: rel(results.wasm[tower][k], results.simulation[tower][k]),
        simulationVsFp32: rel(results.simulation[tower][k], results.fp32[tower][k]),
        fp32NodeVsWasm: rel(results.nodeFp32[tower][k], results.wasmFp32[tower][k]),
      }));
      console.log(`INT8-KERNELS ${tower} (${layers} layers)\n${rows.map((r) => JSON.stringify(r)).join('\n')}`);
    }
  }, 1_800_000);
});

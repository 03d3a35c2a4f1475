import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor } from '@altclip/core';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuildError } from '../graph/GraphBuilder.js';
import { buildTextTowerGraph } from '../graph/textTowerGraph.js';
import { buildVisionTowerGraph } from '../graph/visionTowerGraph.js';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { MissingOutputsError } from '../runtime/SessionPair.js';
import { serializeModel } from '../serialize/serializeModel.js';
import { loadTinyFixture } from '../testing/tinyFixture.js';
import { maxAbsDiff, textInputs } from '../testing/towerChecks.js';
import { WeightError } from '../weights/WeightError.js';
import { WeightReader } from '../weights/WeightReader.js';
import { OnnxBackendError } from './OnnxBackendError.js';

const dir = mkdtempSync(join(tmpdir(), 'altclip-onnx-backend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('OnnxBackend', async () => {
  const f = await loadTinyFixture();
  const options = { dtype: 'fp32', attention: 'standard', allOutputs: false } as const;
  const backend = () => createOnnxNodeBackend({ cacheDir: false });

  it('accepts externally exported text_model.onnx / vision_model.onnx by path or bytes', async () => {
    const textPath = join(dir, 'text_model.onnx');
    writeFileSync(textPath, serializeModel(buildTextTowerGraph(f.textConfig, new WeightReader('text', f.text), options)));
    const visionBytes = serializeModel(buildVisionTowerGraph(f.visionConfig, new WeightReader('vision', f.vision), options));
    const b = createOnnxNodeBackend({ textModel: textPath, visionModel: visionBytes });
    const text = await b.loadTextTower(f.textConfig as never, new Map());
    const t = await text.run(textInputs(f.expected));
    expect(maxAbsDiff(t.embeds as Tensor, f.expected.get('model/get_text_features') as Tensor)).toBeLessThan(1e-5);
    // The position table is an input of the model, fed from the (otherwise unused) weights.
    const vision = await b.loadVisionTower(f.visionConfig as never, f.vision);
    const v = await vision.run({ pixelValues: f.expected.get('image/pixel_values_batch') as Tensor<'float32'> });
    expect(maxAbsDiff(v.embeds as Tensor, f.expected.get('model/get_image_features') as Tensor)).toBeLessThan(1e-5);
    await expect(text.run(textInputs(f.expected), { outputHiddenStates: true })).rejects.toThrow(MissingOutputsError);
    await text.dispose();
    await vision.dispose();
  });

  it('takes int32 ids like int64 ones', async () => {
    const text = await backend().loadTextTower(f.textConfig as never, f.text);
    const inputs = textInputs(f.expected);
    const narrow = (t: Tensor) => new Tensor('int32', Int32Array.from(t.data as BigInt64Array, Number), t.dims);
    const out = await text.run({ ...inputs, inputIds: narrow(inputs.inputIds), positionIds: narrow(inputs.positionIds), tokenTypeIds: narrow(inputs.tokenTypeIds) } as never);
    expect(maxAbsDiff(out.embeds as Tensor, f.expected.get('model/get_text_features') as Tensor)).toBeLessThan(1e-5);
    await text.dispose();
  });

  it('names the missing or misshapen weight', async () => {
    const missing = new Map(f.text);
    missing.delete('roberta.encoder.layer.1.output.dense.weight');
    await expect(backend().loadTextTower(f.textConfig as never, missing)).rejects.toThrow(/missing "roberta\.encoder\.layer\.1\.output\.dense\.weight"/);
    const wrong = new Map(f.vision);
    wrong.set('pre_layrnorm.weight', new Tensor('float32', new Float32Array(5), [5]));
    await expect(backend().loadVisionTower(f.visionConfig as never, wrong)).rejects.toThrow(WeightError);
  });

  it('rejects unknown activations and options with typed errors', async () => {
    await expect(backend().loadTextTower({ ...f.textConfig, hidden_act: 'mish' } as never, f.text)).rejects.toThrow(GraphBuildError);
    await expect(backend().loadTextTower(f.textConfig as never, f.text, { dtype: 'int4' as never })).rejects.toThrow(OnnxBackendError);
    await expect(backend().loadTextTower(f.textConfig as never, f.text, { attention: 'flash' })).rejects.toThrow(OnnxBackendError);
  });

  it.each(['contrib', 'fused'])('%s attention gives the same embeddings as standard attention', async (attention) => {
    const text = await backend().loadTextTower(f.textConfig as never, f.text, { attention });
    const out = await text.run(textInputs(f.expected));
    expect(maxAbsDiff(out.embeds as Tensor, f.expected.get('model/get_text_features') as Tensor)).toBeLessThan(1e-5);
    await text.dispose();
    const vision = await backend().loadVisionTower(f.visionConfig as never, f.vision, { attention });
    const v = await vision.run({ pixelValues: f.expected.get('image/pixel_values_batch') as Tensor<'float32'> });
    expect(maxAbsDiff(v.embeds as Tensor, f.expected.get('model/get_image_features') as Tensor)).toBeLessThan(1e-5);
    await vision.dispose();
  });
});

import { Tensor } from '@altclip/core';
import { describe, expect, it } from 'vitest';
import { WebGPUBackendInputError } from './errors/WebGPUBackendInputError.js';
import { WebGPUDeviceLostError } from './errors/WebGPUDeviceLostError.js';
import { freshDevice, maxAbsDiff, randomArray, skipNote, testGpu, trackBuffers } from './testing/testGpu.js';
import { TINY_TEXT_CONFIG, TINY_VISION_CONFIG, tinyTextInputs, tinyTextWeights, tinyVisionWeights } from './testing/tinyTowers.js';
import { WebGPUBackend } from './WebGPUBackend.js';

const gpu = await testGpu();
const pixels = (batch: number, size = 8) => new Tensor('float32', randomArray(batch * 3 * size * size, 5), [batch, 3, size, size]);

describe('WebGPUBackend contract', () => {
  it('declares the v1 contract and float32 arithmetic', () => {
    const backend = new WebGPUBackend();
    expect(backend.specificationVersion).toBe('v1');
    expect(backend.name).toBe('webgpu');
    expect(backend.capabilities.precision).toBe('float32');
    expect(backend.capabilities.dtypes).toContain('fp32');
  });
});

describe.skipIf(!gpu.context)(`WebGPUBackend on a device${skipNote(gpu)}`, () => {
  // One device for the file: pipelines are cached per device, and SwiftShader compiles slowly.
  const device = gpu.context?.device as GPUDevice;
  const tracked = gpu.context ? trackBuffers(device) : { created: [], destroyed: new Set<GPUBuffer>() };
  it('reads back only the requested outputs, with contract shapes', async () => {
    const backend = new WebGPUBackend({ device });
    const text = await backend.loadTextTower(TINY_TEXT_CONFIG, tinyTextWeights());
    const plain = await text.run(tinyTextInputs(2, 5));
    expect(plain.lastHiddenState.dims).toEqual([2, 5, 6]);
    expect(plain.poolerOutput.dims).toEqual([2, 6]);
    expect(plain.embeds?.dims).toEqual([2, 4]);
    expect(plain.hiddenStates).toBeUndefined();
    expect(plain.attentions).toBeUndefined();
    const full = await text.run(tinyTextInputs(2, 5), { outputHiddenStates: true, outputAttentions: true });
    expect(full.hiddenStates?.map((t) => t.dims)).toEqual([
      [2, 5, 8],
      [2, 5, 8],
    ]);
    expect(full.attentions?.map((t) => t.dims)).toEqual([[2, 2, 5, 5]]);
    expect(maxAbsDiff(full.lastHiddenState.data as Float32Array, plain.lastHiddenState.data as Float32Array)).toBe(0);

    const vision = await backend.loadVisionTower(TINY_VISION_CONFIG, tinyVisionWeights());
    const image = await vision.run({ pixelValues: pixels(3) }, { outputAttentions: true });
    expect(image.lastHiddenState.dims).toEqual([3, 5, 8]);
    expect(image.poolerOutput.dims).toEqual([3, 8]);
    expect(image.embeds?.dims).toEqual([3, 4]);
    expect(image.attentions?.map((t) => t.dims)).toEqual([[3, 2, 5, 5]]);
    await backend.dispose();
  });

  it('compiles each pipeline once and replays the recorded plan on repeated shapes', async () => {
    const { created } = tracked;
    const backend = new WebGPUBackend({ device });
    const text = await backend.loadTextTower(TINY_TEXT_CONFIG, tinyTextWeights());
    const first = await text.run(tinyTextInputs(1, 4));
    const buffersAfterFirst = created.length;
    const second = await text.run(tinyTextInputs(1, 4));
    expect(created.length).toBe(buffersAfterFirst);
    expect(second.lastHiddenState.data).toEqual(first.lastHiddenState.data);
    await backend.dispose();
  });

  it('dispose() destroys every buffer it created', async () => {
    const start = tracked.created.length;
    const backend = new WebGPUBackend({ device });
    const text = await backend.loadTextTower(TINY_TEXT_CONFIG, tinyTextWeights());
    const vision = await backend.loadVisionTower(TINY_VISION_CONFIG, tinyVisionWeights());
    await text.run(tinyTextInputs(2, 3), { outputHiddenStates: true });
    await text.run(tinyTextInputs(1, 6));
    await vision.run({ pixelValues: pixels(2) });
    const created = tracked.created.slice(start);
    expect(created.length).toBeGreaterThan(40);
    await backend.dispose();
    expect(created.filter((b) => !tracked.destroyed.has(b))).toEqual([]);
  });

  it('reports device loss as WebGPUDeviceLostError', async () => {
    const doomed = await freshDevice();
    const backend = new WebGPUBackend({ device: doomed });
    const text = await backend.loadTextTower(TINY_TEXT_CONFIG, tinyTextWeights());
    doomed.destroy();
    await doomed.lost;
    await expect(text.run(tinyTextInputs(1, 3))).rejects.toThrow(WebGPUDeviceLostError);
  });

  it('names the weight, field or input it cannot use', async () => {
    const backend = new WebGPUBackend({ device });
    const missing = tinyTextWeights();
    missing.delete('pre_LN.bias');
    await expect(backend.loadTextTower(TINY_TEXT_CONFIG, missing)).rejects.toThrow(/"pre_LN.bias" is missing/);
    const misshapen = tinyTextWeights();
    misshapen.set('transformation.weight', new Tensor('float32', new Float32Array(8 * 7), [7, 8]));
    await expect(backend.loadTextTower(TINY_TEXT_CONFIG, misshapen)).rejects.toThrow(/"transformation.weight" has shape \[7, 8\], the config needs \[6, 8\]/);
    const relu2 = { ...TINY_TEXT_CONFIG, hidden_act: 'relu2' } as typeof TINY_TEXT_CONFIG;
    await expect(backend.loadTextTower(relu2, tinyTextWeights())).rejects.toThrow(/hidden_act "relu2"/);
    await expect(backend.loadTextTower(TINY_TEXT_CONFIG, tinyTextWeights(), { dtype: 'int8' })).rejects.toThrow(WebGPUBackendInputError);
    if (!backend.capabilities.dtypes.includes('fp16')) {
      await expect(backend.loadVisionTower(TINY_VISION_CONFIG, tinyVisionWeights(), { dtype: 'fp16' })).rejects.toThrow(/shader-f16/);
    }

    const text = await backend.loadTextTower(TINY_TEXT_CONFIG, tinyTextWeights());
    const inputs = tinyTextInputs(1, 3);
    const outOfVocab = { ...inputs, inputIds: new Tensor('int32', Int32Array.from([0, 10, 2]), [1, 3]) };
    await expect(text.run(outOfVocab)).rejects.toThrow(/inputIds\[1\] = 10 is outside the word embeddings/);
    const badMask = { ...inputs, additiveMask: new Tensor('float32', new Float32Array(4), [1, 4]) };
    await expect(text.run(badMask)).rejects.toThrow(/additiveMask has shape \[1, 4\]; expected \[1, 3\]/);
    const vision = await backend.loadVisionTower(TINY_VISION_CONFIG, tinyVisionWeights());
    await expect(vision.run({ pixelValues: pixels(1, 12) })).rejects.toThrow(/interpolated positionEmbedding/);
    await backend.dispose();
  });
});

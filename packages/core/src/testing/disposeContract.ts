import { expect } from 'vitest';
import type { AltCLIPBackend, WeightDType } from '../backend/AltCLIPBackend.js';
import { ModelDisposedError } from '../errors/ModelDisposedError.js';
import { AltCLIPModel } from '../model/AltCLIPModel.js';
import { AltCLIPTextModel } from '../model/AltCLIPTextModel.js';
import { AltCLIPVisionModel } from '../model/AltCLIPVisionModel.js';
import { Tensor } from '../tensor/Tensor.js';
import type { AltCLIPFixture } from './loadFixture.js';

function firstRow<T extends Tensor>(t: T): T {
  const per = t.size / t.dims[0];
  return new Tensor(t.dtype, t.data.slice(0, per) as never, [1, ...t.dims.slice(1)]) as T;
}

/**
 * The dispose contract, on a real backend: calls started before `dispose()` and every call after it reject
 * with ModelDisposedError (never a runtime's raw error, never a result), on the model and on both tower
 * models; disposing twice is a no-op.
 */
export async function checkDisposeContract(
  fixture: AltCLIPFixture,
  backend: AltCLIPBackend,
  load: { dtype: WeightDType; backendOptions?: Record<string, unknown> },
): Promise<void> {
  const e = (name: string) => fixture.expected.get(name)!;
  const inputIds = firstRow(e('tokenizer/batch/input_ids') as Tensor<'int64'>);
  const attentionMask = firstRow(e('tokenizer/batch/attention_mask') as Tensor<'int64'>);
  const pixelValues = firstRow(e('image/pixel_values_batch'));
  const options = { ...load, backend, onWarning: () => {} };

  const model = await AltCLIPModel.fromPretrained(fixture.files, options);
  const calls = {
    forward: () => model.forward({ inputIds, attentionMask, pixelValues }),
    getTextFeatures: () => model.getTextFeatures({ inputIds, attentionMask }),
    getImageFeatures: () => model.getImageFeatures({ pixelValues }),
  };
  // Works before dispose.
  expect((await calls.getTextFeatures()).dims[0]).toBe(1);
  // Outcomes are captured at once: a rejection nobody has awaited yet would count as unhandled.
  const outcome = (p: Promise<unknown>) => p.then(() => 'resolved', (error: unknown) => error);
  const inFlight = Object.entries(calls).map(([name, call]) => [name, outcome(call())] as const);
  const disposed = model.dispose();
  expect(model.dispose(), 'a second dispose() returns the first one').toBe(disposed);
  await disposed;
  for (const [name, pending] of inFlight) expect(await pending, `${name} in flight at dispose`).toBeInstanceOf(ModelDisposedError);
  for (const [name, call] of Object.entries(calls)) await expect(call(), `${name} after dispose`).rejects.toThrow(ModelDisposedError);
  await expect(model.dispose()).resolves.toBeUndefined();

  const text = await AltCLIPTextModel.fromPretrained(fixture.files, options);
  const textCall = outcome(text.forward({ inputIds, attentionMask }));
  await text.dispose();
  expect(await textCall).toBeInstanceOf(ModelDisposedError);
  await expect(text.forward({ inputIds })).rejects.toThrow(/AltCLIPTextModel\.forward\(\): the model was disposed/);
  await text.dispose();

  const vision = await AltCLIPVisionModel.fromPretrained(fixture.files, options);
  const visionCall = outcome(vision.forward({ pixelValues }));
  await vision.dispose();
  expect(await visionCall).toBeInstanceOf(ModelDisposedError);
  await expect(vision.forward({ pixelValues })).rejects.toThrow(ModelDisposedError);
  await vision.dispose();
}

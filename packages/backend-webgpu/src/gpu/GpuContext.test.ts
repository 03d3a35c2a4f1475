import { describe, expect, it } from 'vitest';
import { WebGPUDeviceLostError } from '../errors/WebGPUDeviceLostError.js';
import { WebGPUOutOfMemoryError } from '../errors/WebGPUOutOfMemoryError.js';
import { WebGPUValidationError } from '../errors/WebGPUValidationError.js';
import { GpuContext } from './GpuContext.js';

/** Just enough of a GPUDevice for the error-scope bookkeeping: pops answer from `scopes`, last pushed first. */
function fakeDevice(scopes: { validation?: string; outOfMemory?: string }) {
  let resolveLost: (info: { reason: string; message: string }) => void = () => {};
  const lost = new Promise<{ reason: string; message: string }>((resolve) => {
    resolveLost = resolve;
  });
  const pending: (string | undefined)[] = [];
  const device = {
    features: new Set<string>(),
    lost,
    pushErrorScope(filter: string) {
      pending.push(filter === 'validation' ? scopes.validation : scopes.outOfMemory);
    },
    popErrorScope() {
      const message = pending.pop();
      return Promise.resolve(message === undefined ? null : { message });
    },
  };
  return { device: device as unknown as GPUDevice, lose: resolveLost };
}

describe('GpuContext.guard', () => {
  it('turns an out-of-memory scope error into WebGPUOutOfMemoryError', async () => {
    const context = await GpuContext.create({ device: fakeDevice({ outOfMemory: 'allocation failed' }).device });
    await expect(context.guard('uploading weights', () => 1)).rejects.toThrow(WebGPUOutOfMemoryError);
    await expect(context.guard('uploading weights', () => 1)).rejects.toThrow(/out of GPU memory while uploading weights: allocation failed/);
  });

  it('turns a validation scope error into WebGPUValidationError', async () => {
    const context = await GpuContext.create({ device: fakeDevice({ validation: 'bad binding' }).device });
    await expect(context.guard('running', () => 1)).rejects.toThrow(WebGPUValidationError);
  });

  it('returns the work result when the scopes are clean', async () => {
    const context = await GpuContext.create({ device: fakeDevice({}).device });
    await expect(context.guard('running', () => 42)).resolves.toBe(42);
  });

  it('refuses work after the device was lost', async () => {
    const fake = fakeDevice({});
    const context = await GpuContext.create({ device: fake.device });
    fake.lose({ reason: 'unknown', message: 'driver reset' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(context.isLost).toBe(true);
    await expect(context.guard('running', () => 1)).rejects.toThrow(WebGPUDeviceLostError);
    await expect(context.guard('running', () => 1)).rejects.toThrow(/driver reset/);
  });
});

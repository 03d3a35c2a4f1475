import { describe, expect, it, vi } from 'vitest';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { BackendRegistry, BackendResolutionError } from './BackendRegistry.js';

function fake(name: string, init?: () => Promise<void>): AltCLIPBackend {
  return {
    specificationVersion: 'v1',
    name,
    capabilities: { dtypes: ['fp32'], precision: 'float32', hiddenStates: true, attentions: true, environments: ['node'] },
    init,
    loadTextTower: () => Promise.reject(new Error('unused')),
    loadVisionTower: () => Promise.reject(new Error('unused')),
  };
}

describe('BackendRegistry', () => {
  it('picks the highest priority and initialises lazily, once', async () => {
    const registry = new BackendRegistry();
    const init = vi.fn(async () => {});
    const factory = vi.fn(() => fake('fast', init));
    registry.register('slow', fake('slow'), 1);
    registry.register('fast', factory, 10);
    expect(factory).not.toHaveBeenCalled();
    expect((await registry.resolve()).name).toBe('fast');
    expect((await registry.resolve('fast')).name).toBe('fast');
    expect(factory).toHaveBeenCalledTimes(1);
    expect(init).toHaveBeenCalledTimes(1);
  });

  it('remembers a failed initialisation and falls back without retrying', async () => {
    const registry = new BackendRegistry();
    const init = vi.fn(async () => {
      throw new Error('no adapter');
    });
    registry.register('gpu', () => fake('gpu', init), 10);
    registry.register('cpu', fake('cpu'), 0);
    expect((await registry.resolve()).name).toBe('cpu');
    expect((await registry.resolve()).name).toBe('cpu');
    expect(init).toHaveBeenCalledTimes(1);
    await expect(registry.resolve('gpu')).rejects.toThrow(/gpu: no adapter/);
  });

  it('explains what is missing', async () => {
    const registry = new BackendRegistry();
    await expect(registry.resolve()).rejects.toBeInstanceOf(BackendResolutionError);
    registry.register('cpu', fake('cpu'));
    await expect(registry.resolve('webgpu')).rejects.toThrow(/webgpu: not registered \(registered: cpu\)/);
  });

  it('refuses a backend written against another contract version', async () => {
    const registry = new BackendRegistry();
    const old = { ...fake('old'), specificationVersion: 'v0' } as unknown as AltCLIPBackend;
    await expect(registry.resolve(old)).rejects.toThrow(/specification v0/);
  });
});

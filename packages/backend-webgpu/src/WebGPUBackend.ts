import type { AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import {
  type AltCLIPBackend,
  BACKEND_SPECIFICATION_VERSION,
  type BackendCapabilities,
  type TextTower,
  type TowerLoadOptions,
  type TowerWeights,
  type VisionTower,
  type WeightDType,
} from '@altclip/core';
import { WebGPUBackendInputError } from './errors/WebGPUBackendInputError.js';
import { GpuContext, type GpuContextOptions } from './gpu/GpuContext.js';
import type { StorageType } from './gpu/GpuTensor.js';
import { WebGPUTextTower } from './towers/WebGPUTextTower.js';
import { WebGPUVisionTower } from './towers/WebGPUVisionTower.js';

export type WebGPUBackendOptions = GpuContextOptions;

/**
 * AltCLIP towers on hand-written WGSL kernels. The device is requested lazily by
 * `init()` (core calls it once); both towers share it, its pipeline cache and buffer pool.
 */
export class WebGPUBackend implements AltCLIPBackend {
  readonly specificationVersion = BACKEND_SPECIFICATION_VERSION;
  readonly name = 'webgpu';
  readonly #options: WebGPUBackendOptions;
  readonly #towers = new Set<TextTower | VisionTower>();
  #context: Promise<GpuContext> | undefined;
  #resolved: GpuContext | undefined;

  constructor(options: WebGPUBackendOptions = {}) {
    this.#options = options;
  }

  /**
   * fp16 needs an adapter with `shader-f16`, which only `init()` can tell: 'fp16' is
   * listed once `init()` found one. Listing it before would send callers that check
   * first into a load error on adapters without it (and in Node a failed run that never
   * disposes its backend keeps the process alive).
   */
  get capabilities(): BackendCapabilities {
    const dtypes: WeightDType[] = this.#resolved?.hasShaderF16 ? ['fp32', 'fp16'] : ['fp32'];
    return { dtypes, precision: 'float32', hiddenStates: true, attentions: true, environments: ['node', 'browser', 'worker'] };
  }

  /** Adapter vendor/architecture after `init()`, for reports and benchmarks. */
  get adapterDescription(): string | undefined {
    return this.#resolved?.adapterDescription;
  }

  async init(): Promise<void> {
    await this.#acquire();
  }

  async loadTextTower(config: AltCLIPTextConfig, weights: TowerWeights, options: TowerLoadOptions = {}): Promise<TextTower> {
    const context = await this.#acquire();
    const storage = this.#storageFor(context, options);
    let tower: WebGPUTextTower | undefined;
    tower = await WebGPUTextTower.load(context, config, weights, storage, () => this.#towers.delete(tower!));
    this.#towers.add(tower);
    return tower;
  }

  async loadVisionTower(config: AltCLIPVisionConfig, weights: TowerWeights, options: TowerLoadOptions = {}): Promise<VisionTower> {
    const context = await this.#acquire();
    const storage = this.#storageFor(context, options);
    let tower: WebGPUVisionTower | undefined;
    tower = await WebGPUVisionTower.load(context, config, weights, storage, () => this.#towers.delete(tower!));
    this.#towers.add(tower);
    return tower;
  }

  /** Disposes every tower, frees every buffer and destroys the device (unless the caller supplied it). */
  async dispose(): Promise<void> {
    await Promise.all([...this.#towers].map((tower) => tower.dispose()));
    const context = this.#resolved;
    this.#context = undefined;
    this.#resolved = undefined;
    context?.destroy();
  }

  #acquire(): Promise<GpuContext> {
    if (this.#resolved?.isLost) {
      // A lost device cannot be revived; the next load gets a new one (towers on the old one stay lost).
      this.#context = undefined;
      this.#resolved = undefined;
    }
    this.#context ??= GpuContext.create(this.#options).then(
      (context) => {
        this.#resolved = context;
        return context;
      },
      (error: unknown) => {
        this.#context = undefined;
        throw error;
      },
    );
    return this.#context;
  }

  #storageFor(context: GpuContext, options: TowerLoadOptions): StorageType {
    const dtype = options.dtype ?? 'fp32';
    if (dtype === 'fp32') return 'f32';
    if (dtype === 'fp16') {
      if (!context.hasShaderF16) {
        throw new WebGPUBackendInputError(
          `dtype "fp16" needs the WebGPU feature shader-f16, which this adapter (${context.adapterDescription}) lacks; use dtype "fp32"`,
        );
      }
      return 'f16';
    }
    throw new WebGPUBackendInputError(`dtype "${String(dtype)}" is not supported by the webgpu backend; expected "fp32" or "fp16"`);
  }
}

export function createWebGPUBackend(options: WebGPUBackendOptions = {}): WebGPUBackend {
  return new WebGPUBackend(options);
}

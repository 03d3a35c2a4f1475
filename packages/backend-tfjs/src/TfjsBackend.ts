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
import { TfjsRuntimeError } from './errors/TfjsRuntimeError.js';
import { TowerDisposedError } from './errors/TowerDisposedError.js';
import { activateRuntime } from './runtime/activateRuntime.js';
import type { TfjsRuntimeInfo } from './runtime/TfjsRuntimeInfo.js';
import { TfjsTextTower } from './text/TfjsTextTower.js';
import type { TfjsBackendOptions } from './TfjsBackendOptions.js';
import { TfjsVisionTower } from './vision/TfjsVisionTower.js';

/**
 * AltCLIP's two towers on TensorFlow.js. The runtime (wasm, cpu, webgl, webgpu or
 * native tensorflow) is chosen and loaded in `init()`, never at import.
 */
export class TfjsBackend implements AltCLIPBackend {
  readonly specificationVersion = BACKEND_SPECIFICATION_VERSION;
  readonly name = 'tfjs';
  private runtimeInfo?: TfjsRuntimeInfo;
  private starting?: Promise<TfjsRuntimeInfo>;
  private readonly towers = new Set<TextTower | VisionTower>();
  private disposed = false;

  constructor(private readonly options: TfjsBackendOptions = {}) {}

  /** The runtime in use; undefined until `init()` resolved. */
  get runtime(): TfjsRuntimeInfo | undefined {
    return this.runtimeInfo;
  }

  /**
   * tfjs tensors hold float32, int32 or bool only: fp16 exists solely as WebGL's
   * half-float textures, so 'fp16' is offered only where those are in use.
   */
  get capabilities(): BackendCapabilities {
    const half = this.runtimeInfo?.precision === 'float16';
    return {
      dtypes: half ? ['fp32', 'fp16'] : ['fp32'],
      precision: half ? 'float16' : 'float32',
      hiddenStates: true,
      attentions: true,
      environments: ['node', 'browser', 'worker'],
    };
  }

  async init(): Promise<void> {
    this.assertLive();
    this.starting ??= activateRuntime(this.options);
    try {
      this.runtimeInfo = await this.starting;
    } catch (error) {
      this.starting = undefined; // let a later call retry, e.g. after fixing wasmPaths
      throw error;
    }
  }

  async loadTextTower(config: AltCLIPTextConfig, weights: TowerWeights, options: TowerLoadOptions = {}): Promise<TextTower> {
    const runtime = await this.prepareLoad(options.dtype);
    const tower: TextTower = await TfjsTextTower.load(runtime, config, weights, () => this.towers.delete(tower));
    this.towers.add(tower);
    return tower;
  }

  async loadVisionTower(config: AltCLIPVisionConfig, weights: TowerWeights, options: TowerLoadOptions = {}): Promise<VisionTower> {
    const runtime = await this.prepareLoad(options.dtype);
    const tower: VisionTower = await TfjsVisionTower.load(runtime, config, weights, () => this.towers.delete(tower));
    this.towers.add(tower);
    return tower;
  }

  /** Frees every tower loaded through this backend; the tfjs runtime itself stays registered. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.towers].map((t) => t.dispose()));
  }

  private async prepareLoad(dtype: WeightDType = 'fp32'): Promise<TfjsRuntimeInfo> {
    await this.init();
    const runtime = this.runtimeInfo as TfjsRuntimeInfo;
    if (!this.capabilities.dtypes.includes(dtype)) {
      throw new TfjsRuntimeError(
        `load option dtype: '${dtype}' is not available on the tfjs '${runtime.name}' runtime (available: ${this.capabilities.dtypes.join(', ')}); ` +
          `tfjs tensors have no 16-bit or 8-bit float types (float16 checkpoints are widened to float32 at load with dtype 'fp32')`,
      );
    }
    return runtime;
  }

  private assertLive(): void {
    if (this.disposed) throw new TowerDisposedError('tfjs backend: used after dispose()');
  }
}

import { WebGPUDeviceLostError } from '../errors/WebGPUDeviceLostError.js';
import { WebGPUOutOfMemoryError } from '../errors/WebGPUOutOfMemoryError.js';
import { WebGPUUnavailableError } from '../errors/WebGPUUnavailableError.js';
import { WebGPUValidationError } from '../errors/WebGPUValidationError.js';
import { BufferPool } from './BufferPool.js';
import { PipelineCache } from './PipelineCache.js';
import { requestGpu } from './requestGpu.js';

export interface GpuContextOptions {
  /** Use this device instead of requesting one; the context then never destroys it. */
  device?: GPUDevice;
  powerPreference?: GPUPowerPreference;
}

/** One device with its pipeline cache, buffer pool and loss/error bookkeeping. */
export class GpuContext {
  readonly device: GPUDevice;
  readonly hasShaderF16: boolean;
  readonly adapterDescription: string;
  readonly pipelines: PipelineCache;
  readonly pool: BufferPool;
  readonly #ownsDevice: boolean;
  #lost: WebGPUDeviceLostError | undefined;
  #disposed = false;

  private constructor(device: GPUDevice, ownsDevice: boolean, adapterDescription: string) {
    this.device = device;
    this.#ownsDevice = ownsDevice;
    this.adapterDescription = adapterDescription;
    this.hasShaderF16 = device.features.has('shader-f16');
    this.pipelines = PipelineCache.forDevice(device);
    this.pool = new BufferPool(device);
    device.lost.then((info) => {
      const why = this.#disposed ? 'the backend was disposed' : `${info.reason}: ${info.message}`;
      this.#lost = new WebGPUDeviceLostError(`WebGPU device lost (${why})`, info.reason);
    });
  }

  static async create(options: GpuContextOptions = {}): Promise<GpuContext> {
    if (options.device) return new GpuContext(options.device, false, 'caller-provided device');
    const gpu = await requestGpu();
    const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
    if (!adapter) {
      throw new WebGPUUnavailableError(
        'requestAdapter() returned null: no WebGPU adapter (no GPU and no software adapter; in Node on Linux without a GPU install SwiftShader, e.g. Debian chromium, and set VK_ICD_FILENAMES)',
      );
    }
    const requiredFeatures: GPUFeatureName[] = adapter.features.has('shader-f16') ? ['shader-f16'] : [];
    // Full-size word embeddings (250k × 1024 floats) exceed the default 128 MiB binding limit.
    const requiredLimits: Record<string, number> = {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
    };
    const device = await adapter.requestDevice({ requiredFeatures, requiredLimits, label: 'altclip-webgpu' });
    const info = adapter.info;
    const description = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
    return new GpuContext(device, true, description);
  }

  get isLost(): boolean {
    return this.#lost !== undefined;
  }

  assertUsable(): void {
    if (this.#lost) throw this.#lost;
  }

  /**
   * Runs synchronous WebGPU calls inside out-of-memory and validation error scopes and
   * turns what they catch into typed errors. The work must be synchronous: error scopes
   * are a per-device stack, so an await between push and pop would mix up concurrent calls.
   */
  async guard<T>(what: string, work: () => T): Promise<T> {
    this.assertUsable();
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    let result: T;
    let thrown: unknown;
    try {
      result = work();
    } catch (error) {
      thrown = error;
    }
    const validation = this.device.popErrorScope();
    const outOfMemory = this.device.popErrorScope();
    const [validationError, oomError] = await Promise.all([validation, outOfMemory]);
    this.assertUsable();
    if (oomError) throw new WebGPUOutOfMemoryError(`out of GPU memory while ${what}: ${oomError.message}`);
    if (validationError) throw new WebGPUValidationError(`WebGPU rejected ${what}: ${validationError.message}`);
    if (thrown !== undefined) throw thrown;
    return result!;
  }

  /** A buffer holding `data`, padded to the 4-byte multiple WebGPU requires. */
  createBufferWithData(data: ArrayBufferView, usage: number, label?: string): GPUBuffer {
    const size = Math.max(4, Math.ceil(data.byteLength / 4) * 4);
    const buffer = this.device.createBuffer({ size, usage, label, mappedAtCreation: true });
    new Uint8Array(buffer.getMappedRange()).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    buffer.unmap();
    return buffer;
  }

  /** Translates a rejected mapAsync/onSubmittedWorkDone into the device-loss error when that is the cause. */
  async whileUsable<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      // `device.lost` resolves asynchronously; give it a turn before deciding.
      await new Promise((resolve) => setTimeout(resolve, 0));
      this.assertUsable();
      throw error;
    }
  }

  destroy(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.pool.destroyAll();
    if (this.#ownsDevice) {
      this.pipelines.clear();
      this.device.destroy();
    }
  }
}

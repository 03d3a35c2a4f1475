const perDevice = new WeakMap<GPUDevice, PipelineCache>();

/**
 * Compiled compute pipelines keyed by their WGSL source: every kernel variant is
 * compiled once per device, however many backends, towers, shapes and forwards use it
 * (compilation is the slowest step of a first forward, seconds on software adapters).
 */
export class PipelineCache {
  readonly #device: GPUDevice;
  readonly #pipelines = new Map<string, GPUComputePipeline>();

  private constructor(device: GPUDevice) {
    this.#device = device;
  }

  static forDevice(device: GPUDevice): PipelineCache {
    let cache = perDevice.get(device);
    if (!cache) {
      cache = new PipelineCache(device);
      perDevice.set(device, cache);
    }
    return cache;
  }

  get size(): number {
    return this.#pipelines.size;
  }

  get(source: string, label: string): GPUComputePipeline {
    let pipeline = this.#pipelines.get(source);
    if (!pipeline) {
      const module = this.#device.createShaderModule({ code: source, label });
      pipeline = this.#device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label });
      this.#pipelines.set(source, pipeline);
    }
    return pipeline;
  }

  /** Forgets the device's pipelines (when the device itself goes away). */
  clear(): void {
    this.#pipelines.clear();
    perDevice.delete(this.#device);
  }
}

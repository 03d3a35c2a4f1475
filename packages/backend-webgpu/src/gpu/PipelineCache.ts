/**
 * Compiled compute pipelines keyed by their WGSL source: every kernel variant is
 * compiled once per device, however many towers, shapes and forwards use it.
 */
export class PipelineCache {
  readonly #device: GPUDevice;
  readonly #pipelines = new Map<string, GPUComputePipeline>();

  constructor(device: GPUDevice) {
    this.#device = device;
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

  clear(): void {
    this.#pipelines.clear();
  }
}

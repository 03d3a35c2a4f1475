/**
 * Recycles GPU buffers by usage and size class, so that repeated forwards with new
 * shapes do not allocate (allocation is slow and fragments device memory).
 * Size classes round up by at most 25%: 4 classes per power of two, 256 bytes minimum.
 */
export class BufferPool {
  readonly #device: GPUDevice;
  readonly #free = new Map<string, GPUBuffer[]>();
  readonly #all = new Set<GPUBuffer>();

  constructor(device: GPUDevice) {
    this.#device = device;
  }

  /** Buffers created and not yet destroyed (in use or free). */
  get liveCount(): number {
    return this.#all.size;
  }

  static sizeClass(byteLength: number): number {
    const size = Math.max(256, Math.ceil(byteLength / 4) * 4);
    const step = Math.max(256, 2 ** (Math.floor(Math.log2(size)) - 2));
    return Math.ceil(size / step) * step;
  }

  acquire(byteLength: number, usage: number, label?: string): GPUBuffer {
    const size = BufferPool.sizeClass(byteLength);
    const free = this.#free.get(`${usage}:${size}`);
    const recycled = free?.pop();
    if (recycled) return recycled;
    const buffer = this.#device.createBuffer({ size, usage, label });
    this.#all.add(buffer);
    return buffer;
  }

  release(buffer: GPUBuffer): void {
    if (!this.#all.has(buffer)) return;
    const key = `${buffer.usage}:${buffer.size}`;
    let free = this.#free.get(key);
    if (!free) {
      free = [];
      this.#free.set(key, free);
    }
    if (!free.includes(buffer)) free.push(buffer);
  }

  /** Destroys the free buffers, keeping those in use. */
  trim(): void {
    for (const list of this.#free.values()) {
      for (const buffer of list) {
        buffer.destroy();
        this.#all.delete(buffer);
      }
    }
    this.#free.clear();
  }

  destroyAll(): void {
    for (const buffer of this.#all) buffer.destroy();
    this.#all.clear();
    this.#free.clear();
  }
}

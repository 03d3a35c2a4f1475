import { type ByteSource, checkByteRange } from './ByteSource.js';

/** A ByteSource over bytes already in memory; reads are zero-copy views. */
export class MemoryByteSource implements ByteSource {
  readonly size: number;
  readonly name: string;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array | ArrayBuffer, name = 'memory') {
    this.#bytes = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    this.size = this.#bytes.byteLength;
    this.name = name;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkByteRange(this.name, this.size, offset, length);
    return this.#bytes.subarray(offset, offset + length);
  }
}

export function bytesSource(bytes: Uint8Array | ArrayBuffer, name?: string): ByteSource {
  return new MemoryByteSource(bytes, name);
}

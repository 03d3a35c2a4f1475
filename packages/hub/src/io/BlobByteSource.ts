import { type ByteSource, checkByteRange } from './ByteSource.js';

/** A ByteSource over a Blob: browsers may keep a large download on disk and read slices on demand. */
export class BlobByteSource implements ByteSource {
  readonly size: number;
  readonly name: string;
  readonly #blob: Blob;

  constructor(blob: Blob, name: string) {
    this.#blob = blob;
    this.size = blob.size;
    this.name = name;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkByteRange(this.name, this.size, offset, length);
    return new Uint8Array(await this.#blob.slice(offset, offset + length).arrayBuffer());
  }
}

import { ByteRangeError, type ByteSource } from '@altclip/core';

/**
 * A ByteSource over a picked File: core reads each tensor's byte range on demand, so a
 * multi-gigabyte checkpoint is never read into memory whole.
 */
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
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > this.size) {
      throw new ByteRangeError(`${this.name}: cannot read ${length} bytes at offset ${offset}; the file has ${this.size} bytes`);
    }
    return new Uint8Array(await this.#blob.slice(offset, offset + length).arrayBuffer());
  }
}

/**
 * Random-access bytes: a checkpoint is read through this so that a multi-gigabyte
 * file is never materialised twice (a file source reads each tensor on demand,
 * a memory source hands out views of the buffer it already holds).
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** Exactly `length` bytes starting at `offset`; rejects with ByteRangeError when out of bounds. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** A human-readable name used in error messages (a path, URL or 'memory'). */
  readonly name?: string;
  close?(): Promise<void>;
}

export class ByteRangeError extends RangeError {
  override name = 'ByteRangeError';
}

/** Throws unless [offset, offset + length) lies inside a source of `size` bytes. */
export function checkByteRange(sourceName: string, size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new ByteRangeError(`${sourceName}: cannot read ${length} bytes at offset ${offset}; the source has ${size} bytes`);
  }
}

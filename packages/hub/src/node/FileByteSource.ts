import { ByteRangeError, type ByteSource, checkByteRange } from '../io/ByteSource.js';

// Only the type: node:fs is loaded lazily so that this module can sit in a browser bundle.
type FileHandle = import('node:fs/promises').FileHandle;

/** A ByteSource over a local file (Node). Each read allocates only what it returns. */
export class FileByteSource implements ByteSource {
  readonly size: number;
  readonly name: string;
  #handle: FileHandle | undefined;

  private constructor(handle: FileHandle, size: number, name: string) {
    this.#handle = handle;
    this.size = size;
    this.name = name;
  }

  static async open(path: string): Promise<FileByteSource> {
    const fs = await import('node:fs/promises');
    const handle = await fs.open(path, 'r');
    try {
      const stat = await handle.stat();
      return new FileByteSource(handle, stat.size, path);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkByteRange(this.name, this.size, offset, length);
    const handle = this.#handle;
    if (!handle) throw new ByteRangeError(`${this.name}: read after close`);
    const out = new Uint8Array(length);
    let done = 0;
    // A single read() may return fewer bytes than asked (and is capped at 2 GiB).
    while (done < length) {
      const chunk = Math.min(length - done, 1 << 30);
      const { bytesRead } = await handle.read(out, done, chunk, offset + done);
      if (bytesRead === 0) throw new ByteRangeError(`${this.name}: file shrank while reading at offset ${offset + done}`);
      done += bytesRead;
    }
    return out;
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }
}

export function openFile(path: string): Promise<FileByteSource> {
  return FileByteSource.open(path);
}

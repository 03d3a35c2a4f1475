import { ByteRangeError, type ByteSource, checkByteRange } from '../io/ByteSource.js';
import { NotAFileError } from '../io/NotAFileError.js';

// Only the type here: this module is reached through @altclip/hub/node or `#platform`'s Node variant, never from a browser bundle.
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
    const [fs, { constants }] = await Promise.all([import('node:fs/promises'), import('node:fs')]);
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever; it changes nothing for
    // a regular file. (Windows has no FIFOs and no such flag.)
    let handle: FileHandle;
    try {
      handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      if ((error as { code?: string }).code === 'EISDIR') throw new NotAFileError(path, 'a directory', { cause: error });
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new NotAFileError(path, fileKind(stat));
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

function fileKind(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'something other than a file';
}

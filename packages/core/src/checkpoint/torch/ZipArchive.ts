import type { ByteSource } from '@altclip/hub';
import { ZipFormatError } from './TorchCheckpointError.js';

/** One member of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored; torch never compresses (the tensor bytes must be mmap-able). */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;

function u64(view: DataView, at: number, what: string, file: string): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError(`${file}: zip64 ${what} ${value} is too large`);
  return Number(value);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A read-only zip archive over a ByteSource. Entries are located through the central directory (torch writes
 * local headers with zero sizes and a data descriptor), zip64 records are honoured, and every offset and size
 * is checked against the file before anything is read or allocated.
 */
export class ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  readonly #source: ByteSource;
  readonly #name: string;
  /** Entry data must end before the central directory starts. */
  readonly #dataLimit: number;

  private constructor(source: ByteSource, entries: Map<string, ZipEntry>, dataLimit: number) {
    this.#source = source;
    this.#name = source.name ?? 'zip archive';
    this.entries = entries;
    this.#dataLimit = dataLimit;
  }

  static async open(source: ByteSource): Promise<ZipArchive> {
    const file = source.name ?? 'zip archive';
    const size = source.size;
    if (size < EOCD_SIZE) throw new ZipFormatError(`${file}: ${size} bytes is too short for a zip archive`);
    const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
    const tailStart = size - tailLength;
    const tail = await source.read(tailStart, tailLength);
    const tailView = viewOf(tail);

    let eocd = -1;
    for (let at = tailLength - EOCD_SIZE; at >= 0; at--) {
      if (tailView.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_SIZE + tailView.getUint16(at + 20, true) <= tailLength) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError(`${file}: no end-of-central-directory record (not a zip archive, or truncated)`);

    let entryCount = tailView.getUint16(eocd + 10, true);
    let directorySize = tailView.getUint32(eocd + 12, true);
    let directoryOffset = tailView.getUint32(eocd + 16, true);
    let directoryEnd = tailStart + eocd;

    // torch (miniz) always writes zip64 records; prefer them whenever a valid locator precedes the EOCD.
    const locatorAt = eocd - 20;
    if (locatorAt >= 0 && tailView.getUint32(locatorAt, true) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64At = u64(tailView, locatorAt + 8, 'end-of-central-directory offset', file);
      if (zip64At + 56 > tailStart + locatorAt) {
        throw new ZipFormatError(`${file}: zip64 end-of-central-directory offset ${zip64At} is outside the file`);
      }
      const record = viewOf(await source.read(zip64At, 56));
      if (record.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE) {
        throw new ZipFormatError(`${file}: bad zip64 end-of-central-directory signature at offset ${zip64At}`);
      }
      entryCount = u64(record, 32, 'entry count', file);
      directorySize = u64(record, 40, 'central directory size', file);
      directoryOffset = u64(record, 48, 'central directory offset', file);
      directoryEnd = zip64At;
    }

    if (directoryOffset + directorySize > directoryEnd) {
      throw new ZipFormatError(
        `${file}: central directory [${directoryOffset}, +${directorySize}) overlaps the end records at ${directoryEnd}`,
      );
    }
    if (entryCount * CENTRAL_HEADER_SIZE > directorySize) {
      throw new ZipFormatError(`${file}: ${entryCount} entries cannot fit in a ${directorySize}-byte central directory`);
    }

    const directory = await source.read(directoryOffset, directorySize);
    const view = viewOf(directory);
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const entries = new Map<string, ZipEntry>();
    let at = 0;
    for (let index = 0; index < entryCount; index++) {
      if (at + CENTRAL_HEADER_SIZE > directorySize || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
        throw new ZipFormatError(`${file}: central directory entry ${index} is malformed at offset ${directoryOffset + at}`);
      }
      const method = view.getUint16(at + 10, true);
      let compressedSize = view.getUint32(at + 20, true);
      let uncompressedSize = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      let localHeaderOffset = view.getUint32(at + 42, true);
      const nameAt = at + CENTRAL_HEADER_SIZE;
      const next = nameAt + nameLength + extraLength + commentLength;
      if (next > directorySize) throw new ZipFormatError(`${file}: central directory entry ${index} runs past the directory`);
      const name = decoder.decode(directory.subarray(nameAt, nameAt + nameLength));

      // zip64 extended information: only the fields saturated in the fixed header are present, in this order.
      let extraAt = nameAt + nameLength;
      const extraEnd = extraAt + extraLength;
      while (extraAt + 4 <= extraEnd) {
        const id = view.getUint16(extraAt, true);
        const length = view.getUint16(extraAt + 2, true);
        const body = extraAt + 4;
        if (body + length > extraEnd) throw new ZipFormatError(`${file}: extra field of '${name}' runs past its entry`);
        if (id === 0x0001) {
          let field = body;
          const take = (what: string): number => {
            if (field + 8 > body + length) throw new ZipFormatError(`${file}: zip64 field of '${name}' lacks the ${what}`);
            const value = u64(view, field, `${what} of '${name}'`, file);
            field += 8;
            return value;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take('uncompressed size');
          if (compressedSize === 0xffffffff) compressedSize = take('compressed size');
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = take('local header offset');
        }
        extraAt = body + length;
      }

      if (entries.has(name)) throw new ZipFormatError(`${file}: duplicate entry '${name}'`);
      if (localHeaderOffset + LOCAL_HEADER_SIZE + compressedSize > directoryOffset) {
        throw new ZipFormatError(`${file}: entry '${name}' (${compressedSize} bytes at ${localHeaderOffset}) lies outside the data area`);
      }
      entries.set(name, { name, method, compressedSize, uncompressedSize, localHeaderOffset });
      at = next;
    }
    // Entries must not share bytes: otherwise many central records could name one large blob and make a
    // small file expand into arbitrarily many reads.
    const ordered = [...entries.values()].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
    for (let i = 1; i < ordered.length; i++) {
      const previous = ordered[i - 1];
      if (previous.localHeaderOffset + LOCAL_HEADER_SIZE + previous.compressedSize > ordered[i].localHeaderOffset) {
        throw new ZipFormatError(`${file}: entries '${previous.name}' and '${ordered[i].name}' overlap`);
      }
    }
    return new ZipArchive(source, entries, directoryOffset);
  }

  /** Where an entry's bytes lie in the file (the local header's own name/extra lengths decide the start). */
  async dataRange(entry: ZipEntry): Promise<{ offset: number; length: number }> {
    const file = this.#name;
    if (entry.method !== 0) {
      throw new ZipFormatError(`${file}: entry '${entry.name}' is compressed (method ${entry.method}); torch checkpoints store entries uncompressed`);
    }
    if (entry.compressedSize !== entry.uncompressedSize) {
      throw new ZipFormatError(`${file}: stored entry '${entry.name}' has compressed size ${entry.compressedSize} ≠ size ${entry.uncompressedSize}`);
    }
    const header = viewOf(await this.#source.read(entry.localHeaderOffset, LOCAL_HEADER_SIZE));
    if (header.getUint32(0, true) !== LOCAL_SIGNATURE) {
      throw new ZipFormatError(`${file}: bad local header signature for '${entry.name}' at offset ${entry.localHeaderOffset}`);
    }
    const offset = entry.localHeaderOffset + LOCAL_HEADER_SIZE + header.getUint16(26, true) + header.getUint16(28, true);
    if (offset + entry.compressedSize > this.#dataLimit) {
      throw new ZipFormatError(`${file}: data of '${entry.name}' (${entry.compressedSize} bytes at ${offset}) runs into the central directory`);
    }
    return { offset, length: entry.compressedSize };
  }

  /** Reads `length` bytes of an entry starting at `start` within the entry. */
  async read(entry: ZipEntry, start = 0, length = entry.uncompressedSize - start): Promise<Uint8Array> {
    const range = await this.dataRange(entry);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || start < 0 || length < 0 || start + length > range.length) {
      throw new ZipFormatError(`${this.#name}: cannot read ${length} bytes at ${start} of '${entry.name}' (${range.length} bytes)`);
    }
    return this.#source.read(range.offset + start, length);
  }
}

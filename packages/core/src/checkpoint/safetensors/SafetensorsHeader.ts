import { SafetensorsError } from './SafetensorsError.js';
import { SAFETENSORS_DTYPES, type SafetensorsDType, isSafetensorsDType } from './SafetensorsDType.js';

/** Same bound as the reference implementation (huggingface/safetensors MAX_HEADER_SIZE). */
export const MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  /** Absolute byte offsets in the file (header included). */
  readonly begin: number;
  readonly end: number;
}

export interface SafetensorsHeader {
  readonly entries: ReadonlyMap<string, SafetensorsEntry>;
  readonly metadata: Readonly<Record<string, string>>;
  /** Absolute offset of the data section. */
  readonly dataOffset: number;
}

/** Validates the 8-byte little-endian header length against the file size; returns the JSON length. */
export function parseHeaderLength(prefix: Uint8Array, fileSize: number, file: string): number {
  if (fileSize < 8 || prefix.byteLength < 8) {
    throw new SafetensorsError(`${file}: ${fileSize} bytes is too short for a safetensors file (needs an 8-byte header length)`);
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(Math.min(MAX_HEADER_BYTES, fileSize - 8))) {
    throw new SafetensorsError(
      `${file}: header length ${length} exceeds ${length > BigInt(MAX_HEADER_BYTES) ? `the ${MAX_HEADER_BYTES}-byte limit` : `the ${fileSize - 8} bytes after the length prefix`}`,
    );
  }
  return Number(length);
}

/**
 * Parses and validates the JSON header before any tensor memory is allocated:
 * known dtypes, integer shapes, shape × dtype size = byte length, offsets inside
 * the file, and tensors tiling the data section without overlaps or gaps
 * (as huggingface/safetensors' `validate`).
 */
export function parseSafetensorsHeader(json: Uint8Array, fileSize: number, file: string): SafetensorsHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    throw new SafetensorsError(`${file}: header is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SafetensorsError(`${file}: header must be a JSON object`);
  }
  const dataOffset = 8 + json.byteLength;
  const dataSize = fileSize - dataOffset;
  const entries: SafetensorsEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = parseMetadata(value, file);
      continue;
    }
    entries.push(parseEntry(name, value, dataOffset, dataSize, file));
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = dataOffset;
  for (const entry of entries) {
    if (entry.begin !== expected) {
      const what = entry.begin < expected ? 'overlaps the previous tensor' : 'leaves a gap after the previous tensor';
      throw new SafetensorsError(`${file}: tensor '${entry.name}' data_offsets ${entry.begin - dataOffset} ${what} (expected ${expected - dataOffset})`);
    }
    expected = entry.end;
  }
  if (expected !== fileSize) {
    throw new SafetensorsError(`${file}: tensors cover ${expected - dataOffset} data bytes but the file has ${dataSize}`);
  }
  return { entries: new Map(entries.map((e) => [e.name, e])), metadata, dataOffset };
}

function parseMetadata(value: unknown, file: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SafetensorsError(`${file}: __metadata__ must be an object of strings`);
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw new SafetensorsError(`${file}: __metadata__.${key} must be a string, got ${typeof item}`);
    out[key] = item;
  }
  return out;
}

function parseEntry(name: string, value: unknown, dataOffset: number, dataSize: number, file: string): SafetensorsEntry {
  const where = `${file}: tensor '${name}'`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SafetensorsError(`${where} must be an object`);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (!isSafetensorsDType(dtype)) {
    throw new SafetensorsError(`${where}: unknown dtype ${JSON.stringify(dtype)} (expected one of ${Object.keys(SAFETENSORS_DTYPES).join(', ')})`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new SafetensorsError(`${where}: shape must be an array of non-negative integers`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw new SafetensorsError(`${where}: data_offsets must be two non-negative integers`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataSize) {
    throw new SafetensorsError(`${where}: data_offsets [${begin}, ${end}] outside the ${dataSize}-byte data section`);
  }
  // BigInt: a hostile shape must not wrap or lose precision before the comparison.
  const bytes = (shape as number[]).reduce((acc: bigint, d: number) => acc * BigInt(d), BigInt(SAFETENSORS_DTYPES[dtype].bytes));
  if (bytes !== BigInt(end - begin)) {
    throw new SafetensorsError(`${where}: shape [${shape.join(', ')}] × ${dtype} needs ${bytes} bytes but data_offsets span ${end - begin}`);
  }
  return { name, dtype, shape: Object.freeze([...(shape as number[])]), begin: dataOffset + begin, end: dataOffset + end };
}

import type { ByteSource } from '@altclip/hub';
import { MemoryByteSource } from '@altclip/hub';
import type { Tensor } from '../../tensor/Tensor.js';
import { decodeTensor } from './decodeTensor.js';
import { SafetensorsError } from './SafetensorsError.js';
import { type SafetensorsEntry, type SafetensorsHeader, parseHeaderLength, parseSafetensorsHeader } from './SafetensorsHeader.js';

/**
 * An opened safetensors file: the header is parsed and validated up front;
 * tensors are read one at a time, so peak memory is one tensor beyond what the
 * caller keeps.
 */
export class SafetensorsFile {
  readonly source: ByteSource;
  readonly header: SafetensorsHeader;

  private constructor(source: ByteSource, header: SafetensorsHeader) {
    this.source = source;
    this.header = header;
  }

  static async open(source: ByteSource): Promise<SafetensorsFile> {
    const file = source.name ?? 'safetensors';
    if (source.size < 8) parseHeaderLength(new Uint8Array(0), source.size, file);
    const length = parseHeaderLength(await source.read(0, 8), source.size, file);
    const json = await source.read(8, length);
    return new SafetensorsFile(source, parseSafetensorsHeader(json, source.size, file));
  }

  get metadata(): Readonly<Record<string, string>> {
    return this.header.metadata;
  }

  keys(): string[] {
    return [...this.header.entries.keys()];
  }

  has(name: string): boolean {
    return this.header.entries.has(name);
  }

  entry(name: string): SafetensorsEntry {
    const entry = this.header.entries.get(name);
    if (!entry) throw new SafetensorsError(`${this.source.name ?? 'safetensors'}: no tensor named '${name}'`);
    return entry;
  }

  async get(name: string): Promise<Tensor> {
    const entry = this.entry(name);
    return decodeTensor(entry.dtype, entry.shape, await this.source.read(entry.begin, entry.end - entry.begin));
  }

  /** Reads every tensor (file order), optionally only those `filter` accepts. */
  async readAll(filter?: (name: string) => boolean): Promise<Map<string, Tensor>> {
    const out = new Map<string, Tensor>();
    const entries = [...this.header.entries.values()].sort((a, b) => a.begin - b.begin);
    for (const entry of entries) {
      if (filter && !filter(entry.name)) continue;
      out.set(entry.name, await this.get(entry.name));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.source.close?.();
  }
}

export function openSafetensors(source: ByteSource): Promise<SafetensorsFile> {
  return SafetensorsFile.open(source);
}

/** Reads a whole safetensors file into a name → Tensor map. */
export async function readSafetensors(source: ByteSource | Uint8Array | ArrayBuffer): Promise<Map<string, Tensor>> {
  const src = source instanceof Uint8Array || source instanceof ArrayBuffer ? new MemoryByteSource(source) : source;
  return (await SafetensorsFile.open(src)).readAll();
}

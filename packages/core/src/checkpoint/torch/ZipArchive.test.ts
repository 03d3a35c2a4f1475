import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '@altclip/hub';
import { writeStoredZip } from './test-support/writeStoredZip.js';
import { ZipFormatError } from './TorchCheckpointError.js';
import { ZipArchive } from './ZipArchive.js';

const text = (s: string) => new TextEncoder().encode(s);
const entries = [
  { name: 'archive/data.pkl', data: text('pickle bytes') },
  { name: 'archive/data/0', data: Uint8Array.from({ length: 100 }, (_, i) => i) },
];

async function readAll(zip: Uint8Array): Promise<Record<string, string>> {
  const archive = await ZipArchive.open(new MemoryByteSource(zip));
  const out: Record<string, string> = {};
  for (const entry of archive.entries.values()) out[entry.name] = Buffer.from(await archive.read(entry)).toString('hex');
  return out;
}

describe('ZipArchive', () => {
  const expected = Object.fromEntries(entries.map((e) => [e.name, Buffer.from(e.data).toString('hex')]));

  it('reads stored entries through the central directory, with or without zip64 end records', async () => {
    expect(await readAll(writeStoredZip(entries))).toEqual(expected);
    expect(await readAll(writeStoredZip(entries, { zip64: false }))).toEqual(expected);
  });

  it('takes sizes and offsets from zip64 extra fields (files over 4 GiB)', async () => {
    expect(await readAll(writeStoredZip(entries, { zip64Extra: true }))).toEqual(expected);
  });

  it('aligns entry data as torch does and reads slices of an entry', async () => {
    const archive = await ZipArchive.open(new MemoryByteSource(writeStoredZip(entries)));
    const entry = archive.entries.get('archive/data/0')!;
    expect((await archive.dataRange(entry)).offset % 64).toBe(0);
    expect([...(await archive.read(entry, 10, 3))]).toEqual([10, 11, 12]);
    await expect(archive.read(entry, 99, 2)).rejects.toBeInstanceOf(ZipFormatError);
  });

  it('refuses garbage, truncation and overlapping entries with ZipFormatError', async () => {
    await expect(ZipArchive.open(new MemoryByteSource(text('not a zip at all, just some text')))).rejects.toBeInstanceOf(ZipFormatError);
    const zip = writeStoredZip(entries);
    await expect(ZipArchive.open(new MemoryByteSource(zip.subarray(0, zip.length - 30)))).rejects.toBeInstanceOf(ZipFormatError);
    // Point the second central record at the first entry's local header: the two would share bytes.
    const overlapping = writeStoredZip(entries, { zip64: false });
    const view = new DataView(overlapping.buffer);
    const eocd = overlapping.length - 22;
    const directory = view.getUint32(eocd + 16, true);
    const second = directory + 46 + 'archive/data.pkl'.length;
    view.setUint32(second + 42, 0, true);
    await expect(ZipArchive.open(new MemoryByteSource(overlapping))).rejects.toThrow(/overlap|duplicate/);
  });
});

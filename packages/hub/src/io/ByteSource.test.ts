import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileByteSource } from '../node/FileByteSource.js';
import { ByteRangeError } from './ByteSource.js';
import { MemoryByteSource } from './MemoryByteSource.js';

describe('ByteSource', () => {
  it('memory sources return views and refuse out-of-range reads', async () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5]);
    const source = new MemoryByteSource(bytes, 'mem');
    const view = await source.read(1, 3);
    expect([...view]).toEqual([2, 3, 4]);
    expect(view.buffer).toBe(bytes.buffer);
    await expect(source.read(3, 3)).rejects.toThrow(ByteRangeError);
    await expect(source.read(-1, 1)).rejects.toThrow(/mem: cannot read 1 bytes at offset -1/);
  });

  it('file sources read exact ranges and close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'altclip-bytesource-'));
    try {
      const path = join(dir, 'f.bin');
      await writeFile(path, Uint8Array.from({ length: 100 }, (_, i) => i));
      const source = await FileByteSource.open(path);
      expect(source.size).toBe(100);
      expect([...(await source.read(98, 2))]).toEqual([98, 99]);
      expect((await source.read(0, 0)).byteLength).toBe(0);
      await expect(source.read(99, 2)).rejects.toThrow(ByteRangeError);
      await source.close();
      await expect(source.read(0, 1)).rejects.toThrow(/after close/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type AltCLIPModel, l2Normalize, Tensor } from '@altclip/core';
import type { AltCLIPProcessor } from '@altclip/processor';
import { DEFAULT_FETCH_LIMITS, type FetchLimits, fetchImage, isImageUrl } from '../sources/fetchImage.js';
import type { ImageRecord } from '../store/VectorStore.js';

export interface FailedImage {
  path: string;
  /** First line of the decoder's or file system's error. */
  reason: string;
}

/** An image's bytes and mtime: a file under `folder`, or an http(s) URL (fetched with `limits`; mtime from Last-Modified). */
async function readSource(folder: string, path: string, limits: FetchLimits): Promise<{ bytes: Uint8Array; mtimeMs: number }> {
  if (isImageUrl(path)) return fetchImage(path, limits);
  const file = join(folder, path);
  const info = await stat(file);
  return { bytes: new Uint8Array(await readFile(file)), mtimeMs: info.mtimeMs };
}

/**
 * Reads, hashes, decodes and embeds image files (paths relative to `folder`, or http(s) URLs) in one forward pass. One
 * unreadable file is returned in `failed` with its reason instead of failing the others. The hash and
 * mtime are of the bytes actually embedded, so a record never pairs a vector with another version's hash.
 */
export async function embedImageFiles(
  model: AltCLIPModel,
  processor: AltCLIPProcessor,
  folder: string,
  paths: readonly string[],
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<{ ok: ImageRecord[]; failed: FailedImage[] }> {
  const ok: (Omit<ImageRecord, 'vector'> & { pixels: Float32Array; dims: readonly number[] })[] = [];
  const failed: FailedImage[] = [];
  for (const path of paths) {
    try {
      const { bytes, mtimeMs } = await readSource(folder, path, limits);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const { pixelValues } = await processor({ images: bytes });
      if (!pixelValues) throw new Error('the processor returned no pixel values');
      ok.push({ path, sha256, mtimeMs, bytes: bytes.byteLength, pixels: pixelValues.data, dims: pixelValues.dims });
    } catch (error) {
      failed.push({ path, reason: (error as Error).message.split('\n')[0] });
    }
  }
  if (ok.length === 0) return { ok: [], failed };
  const [, c, h, w] = ok[0].dims;
  const size = c * h * w;
  const data = new Float32Array(ok.length * size);
  for (const [n, item] of ok.entries()) data.set(item.pixels, n * size);
  const embeds = l2Normalize(await model.getImageFeatures({ pixelValues: new Tensor('float32', data, [ok.length, c, h, w]) }));
  const dim = embeds.dims[1];
  return {
    ok: ok.map(({ pixels: _p, dims: _d, ...rest }, n) => ({ ...rest, vector: embeds.data.slice(n * dim, (n + 1) * dim) as Float32Array })),
    failed,
  };
}

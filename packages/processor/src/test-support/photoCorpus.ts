import { fetchBytes } from '../io/readBytes.js';
import { type FixtureTensor, parseSafetensors } from './fixture.js';

/**
 * Test support (not exported): the decode-agreement corpus of `test-data/photo-corpus` (issue #12) — real
 * photos in the encodings users have, with PIL 9.4 / transformers 4.47.1 as the oracle
 * (`test-data/photo-corpus/generate.py`). Reachable by URL in Node (file:) and in the browser server (http:).
 */
const here = import.meta.url;

export function corpusUrl(name: string): URL {
  return new URL(`../../test-data/photo-corpus/${name}`, here);
}

export interface CorpusEntry {
  readonly file: string;
  readonly format: 'JPEG' | 'PNG' | 'GIF' | 'WEBP';
  readonly mode: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly icc?: boolean;
  readonly orientation?: number;
  readonly rgb_sha256: string;
  /** Only every `rgb_row_step`-th row is stored (camera-sized photo). */
  readonly rgb_row_step?: number;
  readonly pv224_sha256: string;
  readonly transposed?: { width: number; height: number; rgb_sha256: string };
}

export interface Corpus {
  readonly pillow: string;
  readonly transformers: string;
  readonly images: readonly CorpusEntry[];
}

let manifest: Promise<Corpus> | undefined;
let tensors: Promise<Map<string, () => FixtureTensor>> | undefined;

export function corpusManifest(): Promise<Corpus> {
  manifest ??= fetchBytes(corpusUrl('manifest.json')).then((b) => JSON.parse(new TextDecoder().decode(b)) as Corpus);
  return manifest;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function corpusTensor(name: string): Promise<FixtureTensor> {
  tensors ??= fetchBytes(corpusUrl('expected.safetensors.gzip')).then(gunzip).then(parseSafetensors);
  const get = (await tensors).get(name);
  if (!get) throw new Error(`expected.safetensors.gzip has no tensor ${name}`);
  return get();
}

export function corpusImageBytes(file: string): Promise<Uint8Array> {
  return fetchBytes(corpusUrl(`images/${file}`));
}

export async function sha256Hex(data: Uint8Array | Float32Array): Promise<string> {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  const digest = await crypto.subtle.digest('SHA-256', view);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

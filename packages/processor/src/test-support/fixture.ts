import { fetchBytes } from '../io/readBytes.js';

/**
 * Test support (not exported from the package): the read-only oracle fixture `fixtures/altclip-tiny`,
 * reachable by URL both in Node (file:) and in the vitest browser server (http:, served from the repo root).
 */
// Kept out of the `new URL(literal, import.meta.url)` form, which Vite rewrites into asset imports.
const here = import.meta.url;

export function fixtureUrl(name: string): URL {
  return new URL(`../../../../fixtures/altclip-tiny/${name}`, here);
}

export function fixtureBytes(name: string): Promise<Uint8Array> {
  return fetchBytes(fixtureUrl(name));
}

export interface FixtureTensor {
  readonly dtype: string;
  readonly shape: number[];
  readonly data: Uint8Array | Float32Array | BigInt64Array;
}

/** Minimal safetensors reader for the U8 and F32 tensors the image tests need. */
export function parseSafetensors(bytes: Uint8Array): Map<string, () => FixtureTensor> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const base = 8 + headerLength;
  const out = new Map<string, () => FixtureTensor>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    out.set(name, () => {
      const [start, end] = info.data_offsets;
      const raw = bytes.slice(base + start, base + end);
      if (info.dtype === 'U8') return { dtype: 'U8', shape: info.shape, data: raw };
      if (info.dtype === 'F32') return { dtype: 'F32', shape: info.shape, data: new Float32Array(raw.buffer, 0, raw.byteLength / 4) };
      if (info.dtype === 'I64') return { dtype: 'I64', shape: info.shape, data: new BigInt64Array(raw.buffer, 0, raw.byteLength / 8) };
      throw new Error(`${name}: dtype ${info.dtype} not handled by this test reader`);
    });
  }
  return out;
}

let expected: Promise<Map<string, () => FixtureTensor>> | undefined;

export function expectedTensors(): Promise<Map<string, () => FixtureTensor>> {
  expected ??= fixtureBytes('expected.safetensors').then(parseSafetensors);
  return expected;
}

export async function expectedTensor(name: string): Promise<FixtureTensor> {
  const get = (await expectedTensors()).get(name);
  if (!get) throw new Error(`expected.safetensors has no tensor ${name}`);
  return get();
}

/** The parts of `expected.json` the tests read. */
export interface ExpectedJson {
  readonly texts: string[];
  readonly conventions: { readonly baai224_preprocessor: Record<string, unknown> };
}

export async function expectedJson(): Promise<ExpectedJson> {
  return JSON.parse(new TextDecoder().decode(await fixtureBytes('expected.json')));
}

/** All fixture image files, in the fixture's batch order. */
export const FIXTURE_IMAGES = [
  'chelsea.jpg',
  'chelsea.png',
  'coffee.jpg',
  'astronaut.png',
  'camera_gray.png',
  'gradient_640x480.png',
  'gray_L_97x61.png',
  'rgba_transparent_120x80.png',
  'palette_P_64x48.png',
  'tall_40x400.png',
  'wide_500x30.png',
  'tiny_7x5.png',
  'exact_30x30.png',
  'exif_orient6_80x50.jpg',
  'gray16_50x40.png',
] as const;

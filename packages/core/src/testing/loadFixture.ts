import { AltCLIPConfig } from '@altclip/config';
import { readSafetensors } from '../checkpoint/safetensors/SafetensorsFile.js';
import { type ModelFiles, readText } from '@altclip/hub';
import { MemoryByteSource } from '@altclip/hub';
import type { Tensor } from '../tensor/Tensor.js';

/** Reads one fixture file by its name inside the fixture directory. */
export type FixtureLoader = (filename: string) => Promise<Uint8Array>;

export interface ExpectedTensorInfo {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly call: string;
}

export interface AltCLIPFixture {
  readonly name: string;
  readonly config: AltCLIPConfig;
  readonly configJson: Record<string, unknown>;
  /** model.safetensors in HF state_dict names. */
  readonly weights: Map<string, Tensor>;
  /** expected.safetensors: the golden tensors. */
  readonly expected: Map<string, Tensor>;
  /** expected.json: how each golden tensor was made (`tensors[name].call`), texts, images, … */
  readonly expectedJson: { tensors: Record<string, ExpectedTensorInfo> } & Record<string, unknown>;
  /** The fixture as ModelFiles, for `fromPretrained` in any environment. */
  readonly files: ModelFiles;
}

/** `fixtures/<name>/` of this repository, relative to this module (same depth in src/ and dist/). */
export function fixtureUrl(name = 'altclip-tiny'): URL {
  // Two steps on purpose: Vite rewrites the literal `new URL(path, import.meta.url)` form into an asset import.
  const here = import.meta.url;
  return new URL(`../../../../fixtures/${name}/`, here);
}

/** Node reads the file system; a browser (the vitest browser server serves the repository) fetches. */
export function defaultFixtureLoader(name = 'altclip-tiny'): FixtureLoader {
  const base = fixtureUrl(name);
  return async (filename) => {
    const url = new URL(filename, base);
    if (url.protocol === 'file:') {
      const [{ readFile }, { fileURLToPath }] = await Promise.all([import('node:fs/promises'), import('node:url')]);
      return new Uint8Array(await readFile(fileURLToPath(url)));
    }
    const response = await fetch(url);
    if (!response.ok) throw new Error(`fixture ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

const cache = new Map<string, Promise<AltCLIPFixture>>();

/** Loads (once per name with the default loader) config, weights and golden tensors of a fixture. */
export function loadFixture(options: { name?: string; loader?: FixtureLoader } = {}): Promise<AltCLIPFixture> {
  const name = options.name ?? 'altclip-tiny';
  if (options.loader) return load(name, options.loader);
  let promise = cache.get(name);
  if (!promise) {
    promise = load(name, defaultFixtureLoader(name));
    cache.set(name, promise);
  }
  return promise;
}

async function load(name: string, loader: FixtureLoader): Promise<AltCLIPFixture> {
  const bytes = new Map<string, Uint8Array>();
  const get = async (filename: string) => {
    let value = bytes.get(filename);
    if (!value) {
      value = await loader(filename);
      bytes.set(filename, value);
    }
    return value;
  };
  const files: ModelFiles = {
    name: `fixtures/${name}`,
    async open(filename) {
      // The fixture ships model.safetensors and pytorch_model.bin; nothing else is a weights file.
      try {
        return new MemoryByteSource(await get(filename), `fixtures/${name}/${filename}`);
      } catch {
        return null;
      }
    },
  };
  const configJson = JSON.parse((await readText(files, 'config.json'))!) as Record<string, unknown>;
  const expectedJson = JSON.parse((await readText(files, 'expected.json'))!);
  return {
    name,
    config: AltCLIPConfig.fromDict(configJson),
    configJson,
    weights: await readSafetensors(await get('model.safetensors')),
    expected: await readSafetensors(await get('expected.safetensors')),
    expectedJson,
    files,
  };
}

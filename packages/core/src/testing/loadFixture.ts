import { AltCLIPConfig } from '@altclip/config';
import { importNodeBuiltins } from '#nodeBuiltins';
import { readSafetensors } from '../checkpoint/safetensors/SafetensorsFile.js';
import { MemoryByteSource, type ModelFiles, readText } from '@altclip/hub';
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

/** The fixture files are missing: the default location exists only in a checkout of the AltCLIP.js repository. */
export class FixtureNotFoundError extends Error {
  override name = 'FixtureNotFoundError';
}

/** `fixtures/<name>/` of this repository, relative to this module (same depth in src/ and dist/). */
export function fixtureUrl(name = 'altclip-tiny'): URL {
  // Two steps on purpose: Vite rewrites the literal `new URL(path, import.meta.url)` form into an asset import.
  const here = import.meta.url;
  return new URL(`../../../../fixtures/${name}/`, here);
}

/**
 * Reads fixture files from `base` (a directory URL or, in Node, a path): Node reads the file system, a browser (the
 * vitest browser server serves the repository) fetches. A missing file is a FixtureNotFoundError naming it.
 */
export function fixtureDirectoryLoader(base: URL | string): FixtureLoader {
  return async (filename) => {
    const node = await importNodeBuiltins();
    const dir = typeof base === 'string' && node ? node.url.pathToFileURL(node.path.resolve(base)) : new URL(base);
    const url = new URL(filename, dir.href.endsWith('/') ? dir : `${dir.href}/`);
    if (url.protocol === 'file:' && node) {
      const path = node.url.fileURLToPath(url);
      try {
        return new Uint8Array(await node.fs.readFile(path));
      } catch (cause) {
        if ((cause as { code?: string }).code !== 'ENOENT') throw cause;
        throw new FixtureNotFoundError(
          `fixture file ${path} does not exist; the default fixture location is the AltCLIP.js repository's fixtures/ folder, so outside a checkout pass loadFixture({ loader: fixtureDirectoryLoader(dir) }) with a fixture directory (config.json, model.safetensors, expected.safetensors, expected.json)`,
          { cause },
        );
      }
    }
    const response = await fetch(url);
    if (response.status === 404) throw new FixtureNotFoundError(`fixture file ${url}: HTTP 404`);
    if (!response.ok) throw new Error(`fixture ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** The repository's `fixtures/<name>/` (see fixtureDirectoryLoader). */
export function defaultFixtureLoader(name = 'altclip-tiny'): FixtureLoader {
  return fixtureDirectoryLoader(fixtureUrl(name));
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
  // Read directly, not through `files` (which answers null for any failure): a missing fixture must say so.
  const text = async (filename: string) => new TextDecoder().decode(await get(filename));
  const configJson = JSON.parse(await text('config.json')) as Record<string, unknown>;
  const expectedJson = JSON.parse(await text('expected.json'));
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

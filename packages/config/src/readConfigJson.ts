import { hubFiles, isHubId, isModelFiles, type ModelFiles, type ResolveOptions, readText } from '@altclip/hub';
import { ConfigFileError } from './ConfigFileError.js';
import type { ConfigDict } from './ConfigSchema.js';
import { ConfigValidationError } from './ConfigValidationError.js';
import { isPlainObject } from './isPlainObject.js';
import { importNodeFs, isNode, joinPath } from './nodeFs.js';
import { parseConfigJson } from './parseConfigJson.js';
import { cloneJson } from './pythonNumberStyle.js';

/**
 * Where a config comes from: a directory or config.json path, a hub id ('BAAI/AltCLIP', through @altclip/hub and
 * HF's cache), ModelFiles, an http(s)/file URL, JSON text, or an object.
 */
export type ConfigSource = string | URL | ConfigDict | ModelFiles;

export interface LoadedConfigJson {
  readonly dict: ConfigDict;
  /** Names the file, URL or argument in error messages. */
  readonly source: string;
}

export const CONFIG_NAME = 'config.json';

/** Parses JSON text that must hold one object (a config). */
export function parseConfigText(text: string, source: string): ConfigDict {
  const value = parseConfigJson(text, source);
  if (!isPlainObject(value)) throw new ConfigValidationError([{ field: '', expected: 'a JSON object', actual: value }], source);
  return value;
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new ConfigFileError(url, `could not fetch the config: ${String(cause)}`, { cause });
  }
  if (!response.ok) throw new ConfigFileError(url, `could not fetch the config: HTTP ${response.status} ${response.statusText}`);
  return response.text();
}

async function readModelFiles(files: ModelFiles): Promise<LoadedConfigJson> {
  const source = joinPath(files.name, CONFIG_NAME);
  const text = await readText(files, CONFIG_NAME);
  if (text === null) throw new ConfigFileError(source, `${files.name} has no ${CONFIG_NAME}`);
  return { dict: parseConfigText(text, source), source };
}

async function readPath(path: string, options: ResolveOptions): Promise<LoadedConfigJson> {
  const fs = await importNodeFs();
  if (!fs) {
    if (isHubId(path)) return readModelFiles(hubFiles(path, options));
    // No file system (browser, worker): a path is a URL relative to the page.
    const url = /\.json$/i.test(path) ? path : joinPath(path, CONFIG_NAME);
    return { dict: parseConfigText(await fetchText(url), url), source: url };
  }
  let file = path;
  try {
    if ((await fs.stat(path)).isDirectory()) file = joinPath(path, CONFIG_NAME);
  } catch (cause) {
    // Not on disk: a hub id goes to the hub, as transformers' `cached_file` does.
    if (isHubId(path)) return readModelFiles(hubFiles(path, options));
    throw new ConfigFileError(path, 'no such file or directory; expected a model directory, a config.json path, a URL or JSON text', { cause });
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (cause) {
    throw new ConfigFileError(file, `could not read the config: ${(cause as Error).message}`, { cause });
  }
  return { dict: parseConfigText(text, file), source: file };
}

/** Resolves any `ConfigSource` to the config.json object it holds (not yet validated). */
export async function readConfigJson(src: ConfigSource, options: ResolveOptions = {}): Promise<LoadedConfigJson> {
  if (src instanceof URL) return readConfigJson(src.href, options);
  if (isModelFiles(src)) return readModelFiles(src);
  if (typeof src !== 'string') {
    if (!isPlainObject(src)) throw new ConfigValidationError([{ field: '', expected: 'a JSON object', actual: src }], 'config argument');
    return { dict: cloneJson(src), source: 'config object' };
  }
  const trimmed = src.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { dict: parseConfigText(src, 'JSON string'), source: 'JSON string' };
  if (/^https?:\/\//i.test(src)) {
    // A model repo URL (…/resolve/main) names a directory, as a local path does.
    const url = /\.json(?:[?#]|$)/i.test(src) ? src : joinPath(src, CONFIG_NAME);
    return { dict: parseConfigText(await fetchText(url), url), source: url };
  }
  if (/^file:\/\//i.test(src)) {
    if (!isNode()) return { dict: parseConfigText(await fetchText(src), src), source: src };
    const specifier = 'node:url';
    const { fileURLToPath } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:url');
    return readPath(fileURLToPath(src), options);
  }
  return readPath(src, options);
}

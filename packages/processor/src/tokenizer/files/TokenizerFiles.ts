import { ConfigJsonSyntaxError, parseConfigJson } from '@altclip/config';
import { type ModelFiles, type ResolveOptions, readFileBytes } from '@altclip/hub';
import { importNodeBuiltins } from '#nodeBuiltins';
import { isModelFilesSource, modelFilesFor } from '../../io/modelFilesFor.js';
import { TokenizerFileError } from '../TokenizerError.js';

/**
 * Where a model folder's files come from:
 * - a path (Node only; `node:fs` is imported lazily so browsers never load it),
 * - an `http(s):` base URL string or a `URL` (fetched; a 404 counts as a missing file),
 * - `{ files: { 'tokenizer.json': bytesOrText, ... } }` (already in memory, any runtime),
 * - a hub id (`'BAAI/AltCLIP'`, when no local directory has that name) or `ModelFiles`: read through @altclip/hub,
 *   with HF's cache and the hub options (revision, cacheDir, localFilesOnly, token, onProgress, …).
 */
export type TokenizerSource = string | URL | { files: Record<string, Uint8Array | ArrayBuffer | string> } | ModelFiles;

export interface FileReader {
  /** Bytes of `name`, or null when the folder has no such file. */
  read(name: string): Promise<Uint8Array | null>;
  /** Human-readable location for error messages. */
  readonly location: string;
}

const textEncoder = new TextEncoder();

export function openSource(source: TokenizerSource, options: ResolveOptions = {}): FileReader {
  if (isModelFilesSource(source)) return modelFilesReader(source, options);
  if (typeof source === 'object' && !(source instanceof URL) && 'files' in source) {
    const files = source.files;
    return {
      location: 'in-memory files',
      async read(name) {
        const v = files[name];
        if (v === undefined) return null;
        if (typeof v === 'string') return textEncoder.encode(v);
        return v instanceof Uint8Array ? v : new Uint8Array(v);
      },
    };
  }
  if (typeof source !== 'string' && !(source instanceof URL)) throw new TokenizerFileError('source', 'expected a folder path, a URL, a hub id, ModelFiles or { files }');
  const url = source instanceof URL ? source : /^(https?|blob|data):/i.test(source) ? new URL(source) : null;
  if (url && url.protocol !== 'file:') return fetchReader(url);
  const dir = url ? url : (source as string);
  return fsReader(dir);
}

function modelFilesReader(source: TokenizerSource, options: ResolveOptions): FileReader {
  // Resolved on first read, once: a hub id costs no request until a file is needed.
  let files: Promise<ModelFiles | undefined> | undefined;
  return {
    location: typeof source === 'string' ? source : (source as ModelFiles).name,
    async read(name) {
      files ??= modelFilesFor(source, options);
      return readFileBytes((await files) as ModelFiles, name);
    },
  };
}

function fetchReader(base: URL): FileReader {
  const baseHref = base.href.endsWith('/') ? base.href : `${base.href}/`;
  return {
    location: baseHref,
    async read(name) {
      let res: Response;
      try {
        res = await fetch(new URL(name, baseHref));
      } catch (e) {
        throw new TokenizerFileError(name, `could not be fetched from ${baseHref}`, { cause: e });
      }
      if (res.status === 404) return null;
      if (!res.ok) throw new TokenizerFileError(name, `fetch from ${baseHref} failed with HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

function fsReader(dir: string | URL): FileReader {
  const location = dir instanceof URL ? dir.pathname : dir;
  return {
    location,
    async read(name) {
      const node = await importNodeBuiltins();
      if (!node) throw new TokenizerFileError(name, `cannot be read from ${location}: local paths need Node; pass a URL`);
      const fs = node.fs;
      const target = dir instanceof URL ? new URL(name, dir.href.endsWith('/') ? dir : `${dir.href}/`) : `${dir.replace(/\/+$/, '')}/${name}`;
      try {
        return new Uint8Array(await fs.readFile(target));
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'ENOENT') return null;
        if (code === 'ENOTDIR') throw new TokenizerFileError(name, `${location} is not a directory`, { cause: e });
        throw new TokenizerFileError(name, `could not be read from ${location} (${code ?? String(e)})`, { cause: e });
      }
    },
  };
}

/** Reads and parses a JSON file; null when absent, TokenizerFileError when unparsable. */
export async function readJson(reader: FileReader, name: string): Promise<unknown | null> {
  const bytes = await reader.read(name);
  if (bytes === null) return null;
  return parseJsonBytes(name, bytes);
}

/** `readJson` for an object-valued file: undefined when absent; present but not an object (`null`, a list) is an error. */
export async function readJsonObject(reader: FileReader, name: string): Promise<Record<string, unknown> | undefined> {
  const bytes = await reader.read(name);
  if (bytes === null) return undefined;
  const v = parseJsonBytes(name, bytes);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TokenizerFileError(name, 'expected a JSON object');
  return v as Record<string, unknown>;
}

function parseJsonBytes(name: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new TokenizerFileError(name, 'is not UTF-8 text', { cause: e });
  }
  // tokenizer_config.json / special_tokens_map.json are read by Python's json (NaN, Infinity accepted), as config.json
  // is; tokenizer.json by Rust's serde_json, which refuses those literals as JSON.parse does.
  if (name !== 'tokenizer.json') {
    try {
      return parseConfigJson(text, name);
    } catch (e) {
      if (e instanceof ConfigJsonSyntaxError) throw new TokenizerFileError(name, `is not valid JSON (line ${e.line}, column ${e.column}: ${e.reason})`, { cause: e });
      throw e;
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TokenizerFileError(name, `is not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/** A reader that keeps what it read, so a tokenizer can write its files back (savePretrained). */
export function recordReads(reader: FileReader): FileReader & { readonly files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    location: reader.location,
    files,
    async read(name) {
      const bytes = await reader.read(name);
      if (bytes !== null) files.set(name, bytes);
      return bytes;
    },
  };
}

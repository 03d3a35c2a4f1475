import { importNodeBuiltins } from '#nodeBuiltins';
import { ImageDecodeError } from '../errors/ImageDecodeError.js';

/** `true` for http(s), data, blob and file URLs, which are fetched rather than read from disk. */
export function looksLikeUrl(value: string): boolean {
  return /^(https?|data|blob|file):/i.test(value);
}

/** Reads a local file in Node (through `#nodeBuiltins`, so browser bundles never see node:fs). */
export async function readLocalFile(path: string): Promise<Uint8Array> {
  const node = await importNodeBuiltins();
  if (!node) throw new ImageDecodeError(path, 'is a local file path, which needs Node; pass a URL, Blob or bytes here');
  const buf = await node.fs.readFile(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export async function fetchBytes(url: string | URL): Promise<Uint8Array> {
  const href = String(url);
  const node = href.startsWith('file:') ? await importNodeBuiltins() : undefined;
  if (node) return readLocalFile(node.url.fileURLToPath(href));
  let response: Response;
  try {
    response = await fetch(href);
  } catch (cause) {
    throw new ImageDecodeError(href, `cannot fetch (${(cause as Error).message})`, { cause });
  }
  if (!response.ok) throw new ImageDecodeError(href, `HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Reads a path or URL: URLs are fetched, anything else is a local file path (Node only). */
export async function readBytes(pathOrUrl: string | URL): Promise<Uint8Array> {
  if (pathOrUrl instanceof URL || looksLikeUrl(pathOrUrl)) return fetchBytes(pathOrUrl);
  if (typeof process === 'undefined' || !process.versions?.node) return fetchBytes(pathOrUrl);
  return readLocalFile(pathOrUrl);
}

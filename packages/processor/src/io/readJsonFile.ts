import { readBytes } from './readBytes.js';

/** `dir` + `/` + `name` for paths and URLs alike (URL directories get their trailing slash). */
export function joinModelPath(dir: string | URL, name: string): string {
  const base = String(dir);
  return base.endsWith('/') ? `${base}${name}` : `${base}/${name}`;
}

export type JsonReadResult = { ok: true; value: unknown } | { ok: false; reason: 'missing' | 'invalid'; detail: string };

/** Reads and parses a JSON file; reports a missing file and invalid JSON apart so callers can name each. */
export async function readJsonFile(pathOrUrl: string): Promise<JsonReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(pathOrUrl);
  } catch (cause) {
    return { ok: false, reason: 'missing', detail: (cause as Error).message };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (cause) {
    return { ok: false, reason: 'invalid', detail: (cause as Error).message };
  }
}

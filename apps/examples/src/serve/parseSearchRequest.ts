import { RequestError } from './RequestError.js';

export interface SearchRequest {
  text?: string;
  /** Encoded image bytes (the request carries them as base64). */
  image?: Uint8Array;
  top: number;
}

export const MAX_TOP = 1000;
const FIELDS = new Set(['text', 'image', 'top']);

/** Validates a `POST /search` body; every problem names the field and what was expected. */
export function parseSearchRequest(body: string): SearchRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new RequestError(400, 'body: expected JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new RequestError(400, 'body: expected a JSON object {text|image, top}');
  const obj = json as Record<string, unknown>;
  const unknown = Object.keys(obj).filter((k) => !FIELDS.has(k));
  if (unknown.length) throw new RequestError(400, `unknown field ${JSON.stringify(unknown[0])} (expected text, image, top)`);
  if ((obj.text === undefined) === (obj.image === undefined)) throw new RequestError(400, 'expected exactly one of "text" and "image"');
  const top = obj.top ?? 5;
  if (!Number.isInteger(top) || (top as number) < 1 || (top as number) > MAX_TOP) throw new RequestError(400, `top: expected an integer from 1 to ${MAX_TOP}, got ${JSON.stringify(obj.top)}`);
  if (obj.text !== undefined) {
    if (typeof obj.text !== 'string' || obj.text.trim() === '') throw new RequestError(400, 'text: expected a non-empty string');
    return { text: obj.text, top: top as number };
  }
  if (typeof obj.image !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(obj.image)) throw new RequestError(400, 'image: expected the image file as a base64 string');
  return { image: new Uint8Array(Buffer.from(obj.image, 'base64')), top: top as number };
}

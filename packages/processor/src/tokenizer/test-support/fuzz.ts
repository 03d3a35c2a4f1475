/** Test support: seeded input generators and mutators shared by the tokenizer file fuzz tests. */

export type Rand = () => number;

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Inputs per parser: 10,000 in CI; ALTCLIP_LONG_FUZZ=1 runs 100,000 (opt-in, minutes); ALTCLIP_FUZZ_COUNT overrides. */
export const FUZZ_COUNT = Number(process.env.ALTCLIP_FUZZ_COUNT ?? (process.env.ALTCLIP_LONG_FUZZ === '1' ? 100_000 : 10_000));

/** Seed from ALTCLIP_FUZZ_SEED (to reproduce a printed failure) or a fixed default. */
export function fuzzSeed(fallback: number): number {
  const s = process.env.ALTCLIP_FUZZ_SEED;
  return s === undefined ? fallback : Number(s);
}

const CHARS = ['a', 'b', 'z', ' ', '▁', '<', '>', '/', 's', 'é', 'e\u0301', 'ж', '世', '😀', '\u0000', '\ud800', '\uffff', '\u200d', '0', '9', '"', '\\'];

export function randomPiece(r: Rand, maxLen = 4): string {
  let s = '';
  const n = int(r, 1, maxLen);
  for (let i = 0; i < n; i++) s += pick(r, CHARS);
  return s;
}

/** Byte-level mutations: flips, overwrites, truncation, insertion, deletion, duplication, huge varints. */
export function mutateBytes(r: Rand, input: Uint8Array, rounds: number): Uint8Array {
  let b = input;
  for (let k = 0; k < rounds; k++) {
    const pos = b.length === 0 ? 0 : int(r, 0, b.length - 1);
    const op = int(r, 0, 7);
    if (op === 0 && b.length > 0) {
      b = b.slice();
      b[pos] ^= 1 << int(r, 0, 7);
    } else if (op === 1 && b.length > 0) {
      b = b.slice();
      b[pos] = int(r, 0, 255);
    } else if (op === 2) {
      b = b.slice(0, pos);
    } else if (op === 3) {
      const ins = Uint8Array.from({ length: int(r, 1, 16) }, () => int(r, 0, 255));
      b = concat(b.subarray(0, pos), ins, b.subarray(pos));
    } else if (op === 4) {
      b = concat(b.subarray(0, pos), b.subarray(Math.min(b.length, pos + int(r, 1, 64))));
    } else if (op === 5) {
      const end = Math.min(b.length, pos + int(r, 1, 256));
      b = concat(b.subarray(0, end), b.subarray(pos, end), b.subarray(end));
    } else if (op === 6) {
      // A varint close to 2^64 or 2^32 where a length or a number should be.
      const huge = pick(r, [[0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]]);
      b = concat(b.subarray(0, pos), Uint8Array.from(huge), b.subarray(Math.min(b.length, pos + 1)));
    } else {
      b = b.slice();
      if (b.length > 0) b[pos] = pick(r, [0x00, 0x7f, 0x80, 0xff, 0x0a, 0x12, 0x1a, 0x22, 0x15]);
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A random JSON value (what a hostile file can put in any field). */
export function randomJson(r: Rand, depth = 0): unknown {
  const k = int(r, 0, depth > 2 ? 6 : 9);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick(r, [0, -1, 1, 2, 3, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e-320, 64, 512]);
    case 3:
      return int(r, -5, 5000);
    case 4:
      return randomPiece(r, 6);
    case 5:
      return pick(r, ['', 'Unigram', 'BPE', 'Metaspace', 'Sequence', 'Precompiled', 'Replace', 'Strip', 'Prepend', 'TemplateProcessing', 'RobertaProcessing', 'always', 'first', 'never', '<s>', '</s>', '<mask>', '<unk>', '<pad>', 'left', 'right']);
    case 6:
      return '\u2581';
    case 7:
      return Array.from({ length: int(r, 0, 4) }, () => randomJson(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(r, 0, 4); i > 0; i--) o[pick(r, ['type', 'content', 'id', 'ids', 'tokens', 'special', 'lstrip', 'rstrip', 'normalized', 'single_word', randomPiece(r)])] = randomJson(r, depth + 1);
      return o;
    }
  }
}

/** Replaces or deletes `rounds` random nodes of a JSON tree (in place). */
export function mutateJsonTree(r: Rand, root: Record<string, unknown>, rounds: number): void {
  for (let k = 0; k < rounds; k++) {
    let node: unknown = root;
    for (let depth = 0; depth < 6; depth++) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const key = pick(r, keys);
      const child = (node as Record<string, unknown>)[key];
      if (child && typeof child === 'object' && r() < 0.6) {
        node = child;
        continue;
      }
      if (Array.isArray(node) && r() < 0.2) node.splice(Number(key), 1);
      else if (!Array.isArray(node) && r() < 0.2) delete (node as Record<string, unknown>)[key];
      else (node as Record<string, unknown>)[key] = randomJson(r);
      break;
    }
  }
}

/** Text-level damage to a JSON document: truncation or a replaced character. */
export function damageText(r: Rand, text: string): string {
  const pos = int(r, 0, Math.max(0, text.length - 1));
  return r() < 0.5 ? text.slice(0, pos) : text.slice(0, pos) + pick(r, ['"', '{', ']', ',', '\\', '\u0000', 'NaN', '1e400']) + text.slice(pos + 1);
}

/** Heap plus array buffers in bytes (the allocation the fuzz tests bound). */
export function allocatedBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is text here (a token can be one), not a byte-order mark to drop — Rust keeps it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 bytes of `text`; lone surrogates become U+FFFD, as when Python or a native binding encodes. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Byte length of the UTF-8 character starting with `lead`, by its high nibble — sentencepiece's
 * `string_util::OneCharLen` (continuation bytes count as 1).
 */
export function oneCharLen(lead: number): number {
  const n = lead >>> 4;
  return n < 12 ? 1 : n < 14 ? 2 : n === 14 ? 3 : 4;
}

/**
 * Length of the valid UTF-8 sequence at `bytes[pos]` or 0 when malformed (sentencepiece's
 * `IsValidDecodeUTF8`: no overlongs, no surrogates, nothing above U+10FFFF).
 */
export function validUtf8Length(bytes: Uint8Array, pos: number, end: number): number {
  const b0 = bytes[pos];
  if (b0 < 0x80) return 1;
  const len = (b0 & 0xf8) === 0xf0 ? 4 : (b0 & 0xf0) === 0xe0 ? 3 : (b0 & 0xe0) === 0xc0 ? 2 : 0;
  if (len === 0 || pos + len > end) return 0;
  let cp = b0 & (0xff >> (len + 1));
  for (let i = 1; i < len; i++) {
    const b = bytes[pos + i];
    if ((b & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

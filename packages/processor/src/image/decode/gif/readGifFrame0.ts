import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';

export interface GifFrame0 {
  /** Canvas size: the logical screen, grown to the frame's extent as PIL does. */
  readonly width: number;
  readonly height: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly interlace: boolean;
  readonly transparency: number | undefined;
  /** RGB triples, or undefined where PIL opens the frame as mode L. */
  readonly palette: Uint8Array | undefined;
  readonly minCodeSize: number;
  /** Offset of the first data sub-block after the LZW minimum code size byte. */
  readonly dataOffset: number;
}

/**
 * Walks the GIF blocks up to the first image descriptor, following GifImagePlugin `_open`/`_seek(0)`:
 * the last graphic control extension before it gives the transparent index, palettes that are the identity
 * grey ramp count as absent.
 */
export function readGifFrame0(bytes: Uint8Array, source: string): GifFrame0 {
  const need = (pos: number, n: number, what: string) => {
    if (pos + n > bytes.length) throw new ImageDecodeError(source, `truncated GIF: ${what} runs past the end of the file`);
  };
  need(0, 13, 'header');
  const u16 = (p: number) => bytes[p] | (bytes[p + 1] << 8);
  let width = u16(6);
  let height = u16(8);
  const flags = bytes[10];
  let pos = 13;
  let globalPalette: Uint8Array | undefined;
  if (flags & 0x80) {
    const n = 3 << ((flags & 7) + 1);
    need(pos, n, 'global colour table');
    const p = bytes.subarray(pos, pos + n);
    if (paletteNeeded(p)) globalPalette = p;
    pos += n;
  }
  let transparency: number | undefined;
  for (;;) {
    need(pos, 1, 'block');
    const tag = bytes[pos++];
    if (tag === 0x3b) throw new ImageDecodeError(source, 'corrupt GIF: no image in the file');
    if (tag === 0x21) {
      need(pos, 1, 'extension');
      const label = bytes[pos++];
      const first = pos;
      pos = skipSubBlocks(bytes, pos, source);
      if (label === 0xf9) {
        // Graphic control extension; PIL keeps an earlier index when a later one has the flag clear.
        if (bytes[first] >= 4 && bytes[first + 1] & 1) transparency = bytes[first + 4];
      }
      continue;
    }
    if (tag !== 0x2c) continue; // PIL skips unknown bytes between blocks
    need(pos, 9, 'image descriptor');
    const x0 = u16(pos);
    const y0 = u16(pos + 2);
    const x1 = x0 + u16(pos + 4);
    const y1 = y0 + u16(pos + 6);
    const f = bytes[pos + 8];
    pos += 9;
    width = Math.max(width, x1);
    height = Math.max(height, y1);
    let palette = globalPalette;
    if (f & 0x80) {
      const n = 3 << ((f & 7) + 1);
      need(pos, n, 'local colour table');
      const p = bytes.subarray(pos, pos + n);
      palette = paletteNeeded(p) ? p : undefined;
      pos += n;
    }
    need(pos, 1, 'LZW code size');
    const minCodeSize = bytes[pos++];
    return { width, height, x0, y0, x1, y1, interlace: (f & 0x40) !== 0, transparency, palette, minCodeSize, dataOffset: pos };
  }
}

function skipSubBlocks(bytes: Uint8Array, pos: number, source: string): number {
  for (;;) {
    if (pos >= bytes.length) throw new ImageDecodeError(source, 'truncated GIF: data sub-blocks run past the end of the file');
    const n = bytes[pos];
    pos += 1 + n;
    if (n === 0) return pos;
  }
}

// GifImagePlugin._is_palette_needed: a palette equal to (i, i, i) for every entry is dropped (mode L).
function paletteNeeded(p: Uint8Array): boolean {
  for (let i = 0; i + 2 < p.length; i += 3) {
    const k = i / 3;
    if (!(p[i] === k && p[i + 1] === k && p[i + 2] === k)) return true;
  }
  return false;
}

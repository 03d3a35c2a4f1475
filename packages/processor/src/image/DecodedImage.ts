/**
 * A decoded image in the PIL mode PIL would open it in, before `convert('RGB')`. Keeping PIL's mode (rather
 * than whatever a decoder hands back) is what lets `convertToRgb` reproduce PIL value for value.
 *
 * - `1`, `L`, `LA`, `RGB`, `RGBA`, `CMYK`: interleaved uint8 samples (`1` stores 0 or 255, as PIL does).
 * - `P`: one uint8 palette index per pixel, `palette` holds RGB triples.
 * - `I`: 16-bit grayscale samples (PIL opens 16-bit grayscale PNGs as mode `I`).
 */
export type DecodedImage =
  | {
      readonly mode: '1' | 'L' | 'LA' | 'RGB' | 'RGBA' | 'CMYK';
      readonly width: number;
      readonly height: number;
      readonly data: Uint8Array;
      /** EXIF orientation tag (1–8) if the file carried one. */
      readonly orientation?: number;
    }
  | {
      readonly mode: 'P';
      readonly width: number;
      readonly height: number;
      readonly data: Uint8Array;
      readonly palette: Uint8Array;
      readonly orientation?: number;
    }
  | {
      readonly mode: 'I';
      readonly width: number;
      readonly height: number;
      readonly data: Uint16Array | Int32Array;
      readonly orientation?: number;
    };

export type PilMode = DecodedImage['mode'];

/** Samples per pixel for each mode's `data`. */
export const MODE_BANDS: Readonly<Record<PilMode, number>> = {
  '1': 1,
  L: 1,
  LA: 2,
  RGB: 3,
  RGBA: 4,
  CMYK: 4,
  P: 1,
  I: 1,
};

import { describe, expect, it } from 'vitest';
import type { PixelBuffer } from '../PixelBuffer.js';
import { PilResample } from './PilResample.js';
import { resizePil } from './resizePil.js';

// Pillow parity for bicubic is checked against the fixture (CLIPImageProcessor.test.ts); these are
// hand-derivable cases for the other filters and for the pass logic.
const FILTERS = [PilResample.NEAREST, PilResample.LANCZOS, PilResample.BILINEAR, PilResample.BICUBIC, PilResample.BOX, PilResample.HAMMING];

function image(width: number, height: number, channels: number, f: (i: number) => number): PixelBuffer {
  return { width, height, channels, data: Uint8Array.from({ length: width * height * channels }, (_, i) => f(i)) };
}

describe('resizePil', () => {
  it.each(FILTERS)('filter %i keeps a constant image constant (normalised weights, rounding)', (filter) => {
    const out = resizePil(image(17, 9, 3, () => 200), 6, 23, filter);
    expect(new Set(out.data)).toEqual(new Set([200]));
  });

  it('BOX 2x downscale is the pair average rounded half up (fixed point + half)', () => {
    const out = resizePil(image(4, 1, 1, (i) => [10, 11, 100, 103][i]), 2, 1, PilResample.BOX);
    expect(Array.from(out.data)).toEqual([11, 102]); // 10.5 → 11, 101.5 → 102
  });

  it('BILINEAR 2x upscale of a 2-pixel row uses Pillow’s centre alignment and edge clamping', () => {
    // Output centres at 0.25, 0.75, 1.25, 1.75 → weights for [0, 200]: 0, 50, 150, 200 (edge taps renormalised).
    const out = resizePil(image(2, 1, 1, (i) => [0, 200][i]), 4, 1, PilResample.BILINEAR);
    expect(Array.from(out.data)).toEqual([0, 50, 150, 200]);
  });

  it('NEAREST picks floor((x + 0.5) * in / out)', () => {
    const out = resizePil(image(5, 1, 1, (i) => i * 10), 3, 1, PilResample.NEAREST);
    expect(Array.from(out.data)).toEqual([0, 20, 40]); // centres 0.83, 2.5, 4.17
  });

  it('same size returns an equal copy; a one-axis resize leaves the other axis untouched', () => {
    const src = image(7, 5, 3, (i) => (i * 37) % 256);
    const same = resizePil(src, 7, 5, PilResample.BICUBIC);
    expect(same.data).toEqual(src.data);
    expect(same.data).not.toBe(src.data);
    const onlyHeight = resizePil(image(3, 1, 1, (i) => i * 50), 3, 4, PilResample.BICUBIC);
    expect(Array.from(onlyHeight.data)).toEqual([0, 50, 100, 0, 50, 100, 0, 50, 100, 0, 50, 100]);
  });

  it('rejects non-positive output sizes', () => {
    expect(() => resizePil(image(2, 2, 1, () => 0), 0, 2, PilResample.BICUBIC)).toThrow(/positive integers/);
  });
});

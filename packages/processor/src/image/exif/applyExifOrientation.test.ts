import { describe, expect, it } from 'vitest';
import { applyExifOrientation } from './applyExifOrientation.js';

// PIL's exif_transpose methods on [[1, 2, 3], [4, 5, 6]], written out by hand from their definitions.
const EXPECTED: Record<number, { size: [number, number]; rows: number[][] }> = {
  1: { size: [3, 2], rows: [[1, 2, 3], [4, 5, 6]] },
  2: { size: [3, 2], rows: [[3, 2, 1], [6, 5, 4]] }, // FLIP_LEFT_RIGHT
  3: { size: [3, 2], rows: [[6, 5, 4], [3, 2, 1]] }, // ROTATE_180
  4: { size: [3, 2], rows: [[4, 5, 6], [1, 2, 3]] }, // FLIP_TOP_BOTTOM
  5: { size: [2, 3], rows: [[1, 4], [2, 5], [3, 6]] }, // TRANSPOSE
  6: { size: [2, 3], rows: [[4, 1], [5, 2], [6, 3]] }, // ROTATE_270 (90° clockwise)
  7: { size: [2, 3], rows: [[6, 3], [5, 2], [4, 1]] }, // TRANSVERSE
  8: { size: [2, 3], rows: [[3, 6], [2, 5], [1, 4]] }, // ROTATE_90 (90° counter-clockwise)
};

describe('applyExifOrientation (ImageOps.exif_transpose)', () => {
  it.each(Object.keys(EXPECTED).map(Number))('orientation %i', (orientation) => {
    const image = { width: 3, height: 2, channels: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    const out = applyExifOrientation(image, orientation);
    const { size, rows } = EXPECTED[orientation];
    expect([out.width, out.height]).toEqual(size);
    expect(Array.from(out.data)).toEqual(rows.flat());
  });
});

import { describe, expect, it } from 'vitest';
import type { PixelBuffer } from '../PixelBuffer.js';
import { centerCrop } from './centerCrop.js';

// 1-channel image whose value is its linear index + 1, so positions are visible in the output.
function indexImage(width: number, height: number): PixelBuffer {
  return { width, height, channels: 1, data: Uint8Array.from({ length: width * height }, (_, i) => i + 1) };
}

describe('centerCrop (HF image_transforms.center_crop)', () => {
  it('odd margins: top = (h - ch) // 2, left = (w - cw) // 2', () => {
    const out = centerCrop(indexImage(5, 4), 1, 2); // top = 1, left = 1
    expect(Array.from(out.data)).toEqual([7, 8]);
  });

  it('crop larger than the image: zero padding, ceil before, then the crop', () => {
    // h=2, w=3 → crop 5x4: new 5x4, top_pad = ceil(3/2) = 2, left_pad = ceil(1/2) = 1;
    // top = (2-5)//2 + 2 = 0, left = (3-4)//2 + 1 = 0.
    const out = centerCrop(indexImage(3, 2), 5, 4);
    expect([out.height, out.width]).toEqual([5, 4]);
    expect(Array.from(out.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 0, 0, 0]);
  });

  it('crop taller but narrower than the image pads one axis and crops the other', () => {
    // h=1, w=4 → crop 3x2: new 3x4, top_pad = 1, left_pad = 0; top = (1-3)//2 + 1 = 0, left = (4-2)//2 = 1.
    const out = centerCrop(indexImage(4, 1), 3, 2);
    expect(Array.from(out.data)).toEqual([0, 0, 2, 3, 0, 0]);
  });
});

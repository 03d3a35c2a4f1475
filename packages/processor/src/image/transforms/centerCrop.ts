import type { PixelBuffer } from '../PixelBuffer.js';

/**
 * `transformers.image_transforms.center_crop` (v4.47.1): `top = (h - ch) // 2`, `left = (w - cw) // 2`
 * with Python's floor division, so odd margins put the extra pixel at the bottom/right. When the crop is
 * larger than the image, the image is first placed on a zero canvas with `ceil` padding before, exactly
 * as HF does, then cropped.
 */
export function centerCrop(image: PixelBuffer, cropHeight: number, cropWidth: number): PixelBuffer {
  const { width: w, height: h, channels } = image;
  let top = Math.floor((h - cropHeight) / 2);
  let left = Math.floor((w - cropWidth) / 2);
  if (top >= 0 && left >= 0 && top + cropHeight <= h && left + cropWidth <= w) {
    return copyRegion(image, top, left, cropHeight, cropWidth);
  }
  const newH = Math.max(cropHeight, h);
  const newW = Math.max(cropWidth, w);
  const topPad = Math.ceil((newH - h) / 2);
  const leftPad = Math.ceil((newW - w) / 2);
  const padded = new Uint8Array(newH * newW * channels);
  for (let y = 0; y < h; y++) {
    padded.set(image.data.subarray(y * w * channels, (y + 1) * w * channels), ((y + topPad) * newW + leftPad) * channels);
  }
  top += topPad;
  left += leftPad;
  const bottom = Math.min(newH, top + cropHeight);
  const right = Math.min(newW, left + cropWidth);
  top = Math.max(0, top);
  left = Math.max(0, left);
  return copyRegion({ width: newW, height: newH, channels, data: padded }, top, left, bottom - top, right - left);
}

function copyRegion(image: PixelBuffer, top: number, left: number, height: number, width: number): PixelBuffer {
  const { channels } = image;
  const out = new Uint8Array(width * height * channels);
  const rowLen = width * channels;
  for (let y = 0; y < height; y++) {
    const start = ((top + y) * image.width + left) * channels;
    out.set(image.data.subarray(start, start + rowLen), y * rowLen);
  }
  return { width, height, channels, data: out };
}

/**
 * An 8-bit image with a known, interleaved (HWC) layout: `data[(y * width + x) * channels + c]`.
 * Everything after decoding works on this; nothing ever guesses the layout from a shape.
 */
export interface PixelBuffer {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Uint8Array;
}

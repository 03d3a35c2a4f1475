// jdcolor.c's fixed-point YCbCr → RGB tables (SCALEBITS 16), which libjpeg-turbo's SIMD code matches.
const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);
const FIX = (x: number) => Math.trunc(x * 65536 + 0.5);

const crR = new Int32Array(256);
const cbB = new Int32Array(256);
const crG = new Int32Array(256);
const cbG = new Int32Array(256);
for (let i = 0, x = -128; i < 256; i++, x++) {
  crR[i] = (FIX(1.402) * x + ONE_HALF) >> SCALEBITS;
  cbB[i] = (FIX(1.772) * x + ONE_HALF) >> SCALEBITS;
  crG[i] = -FIX(0.71414) * x;
  cbG[i] = -FIX(0.34414) * x + ONE_HALF;
}

function clamp(v: number): number {
  return Math.min(255, Math.max(0, v));
}

/** `ycc_rgb_convert`: one pixel's Y, Cb, Cr to R, G, B written at `out[o..o+2]`. */
export function yccToRgb(y: number, cb: number, cr: number, out: Uint8Array, o: number): void {
  out[o] = clamp(y + crR[cr]);
  out[o + 1] = clamp(y + ((cbG[cb] + crG[cr]) >> SCALEBITS));
  out[o + 2] = clamp(y + cbB[cb]);
}

/** `ycck_cmyk_convert`: YCCK to (non-inverted, Adobe-style) CMY, K passed through. */
export function ycckToCmyk(y: number, cb: number, cr: number, k: number, out: Uint8Array, o: number): void {
  out[o] = clamp(255 - (y + crR[cr]));
  out[o + 1] = clamp(255 - (y + ((cbG[cb] + crG[cr]) >> SCALEBITS)));
  out[o + 2] = clamp(255 - (y + cbB[cb]));
  out[o + 3] = k;
}

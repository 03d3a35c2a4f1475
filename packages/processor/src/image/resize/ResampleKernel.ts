import { PilResample } from './PilResample.js';

/** A convolution kernel as Pillow's `libImaging/Resample.c` defines it: a function and its support radius. */
export interface ResampleKernel {
  readonly weight: (x: number) => number;
  readonly support: number;
}

// Pillow writes `0.54f + 0.46f * cos(x)`: the literals are single precision, promoted to double.
const HAMMING_A = Math.fround(0.54);
const HAMMING_B = Math.fround(0.46);

function box(x: number): number {
  return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
}

function bilinear(x: number): number {
  const ax = x < 0 ? -x : x;
  return ax < 1.0 ? 1.0 - ax : 0.0;
}

function hamming(x: number): number {
  let ax = x < 0 ? -x : x;
  if (ax === 0.0) return 1.0;
  if (ax >= 1.0) return 0.0;
  ax = ax * Math.PI;
  return (Math.sin(ax) / ax) * (HAMMING_A + HAMMING_B * Math.cos(ax));
}

function bicubic(x: number): number {
  // Keys' cubic convolution with a = -0.5, evaluated in Pillow's exact operation order.
  const a = -0.5;
  const ax = x < 0 ? -x : x;
  if (ax < 1.0) return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
  if (ax < 2.0) return (((ax - 5) * ax + 8) * ax - 4) * a;
  return 0.0;
}

function sinc(x: number): number {
  if (x === 0.0) return 1.0;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

function lanczos(x: number): number {
  return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
}

const KERNELS: Record<Exclude<PilResample, 0>, ResampleKernel> = {
  [PilResample.BOX]: { weight: box, support: 0.5 },
  [PilResample.BILINEAR]: { weight: bilinear, support: 1.0 },
  [PilResample.HAMMING]: { weight: hamming, support: 1.0 },
  [PilResample.BICUBIC]: { weight: bicubic, support: 2.0 },
  [PilResample.LANCZOS]: { weight: lanczos, support: 3.0 },
};

export function resampleKernel(filter: Exclude<PilResample, 0>): ResampleKernel {
  return KERNELS[filter];
}

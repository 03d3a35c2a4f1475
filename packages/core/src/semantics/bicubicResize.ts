/**
 * torch `interpolate(mode='bicubic', align_corners=False)` with an explicit
 * output size, on a [channels, inH, inW] float array: cubic convolution with
 * A = -0.75, source coordinate `(dst + 0.5) · in/out − 0.5` (not clamped for
 * cubic) and edge indices clamped, as aten's upsample_bicubic2d.
 */
export function bicubicResize(input: Float64Array | Float32Array, channels: number, inH: number, inW: number, outH: number, outW: number): Float64Array {
  const out = new Float64Array(channels * outH * outW);
  const rows = taps(inH, outH);
  const cols = taps(inW, outW);
  for (let c = 0; c < channels; c++) {
    const base = c * inH * inW;
    for (let y = 0; y < outH; y++) {
      const ry = rows[y];
      for (let x = 0; x < outW; x++) {
        const rx = cols[x];
        let acc = 0;
        for (let i = 0; i < 4; i++) {
          let row = 0;
          for (let j = 0; j < 4; j++) row += input[base + ry.index[i] * inW + rx.index[j]] * rx.weight[j];
          acc += row * ry.weight[i];
        }
        out[(c * outH + y) * outW + x] = acc;
      }
    }
  }
  return out;
}

interface Taps {
  index: [number, number, number, number];
  weight: [number, number, number, number];
}

function taps(inSize: number, outSize: number): Taps[] {
  const scale = inSize / outSize;
  const A = -0.75;
  const near = (t: number) => ((A + 2) * t - (A + 3)) * t * t + 1;
  const far = (t: number) => ((A * t - 5 * A) * t + 8 * A) * t - 4 * A;
  const clamp = (i: number) => Math.min(Math.max(i, 0), inSize - 1);
  return Array.from({ length: outSize }, (_, d) => {
    const real = scale * (d + 0.5) - 0.5;
    const i0 = Math.floor(real);
    const t = real - i0;
    return {
      index: [clamp(i0 - 1), clamp(i0), clamp(i0 + 1), clamp(i0 + 2)],
      weight: [far(t + 1), near(t), near(1 - t), far(2 - t)],
    };
  });
}

/**
 * libjpeg-turbo's upsampling (jdsample.c) with `do_fancy_upsampling` on, as PIL decodes: the triangle
 * ("fancy") filters for 2h1v, 1h2v and 2h2v, box replication for other integral factors and for
 * components at most 2 samples wide. Rows above the first / below the last real row repeat the edge row,
 * as jdmainct.c's context-row pointers do.
 *
 * `plane` holds the component's samples with row stride `stride`; `width`/`height` are its
 * `downsampled_width/height`. Returns a plane of `width * h` x `height * v` samples.
 */
export function upsampleComponent(
  plane: Uint8Array,
  stride: number,
  width: number,
  height: number,
  hFactor: number,
  vFactor: number,
): { data: Uint8Array; width: number; height: number } {
  const outW = width * hFactor;
  const outH = height * vFactor;
  const out = new Uint8Array(outW * outH);
  const row = (y: number) => (y < 0 ? 0 : y >= height ? height - 1 : y) * stride;

  if (hFactor === 2 && vFactor === 1 && width > 2) {
    for (let y = 0; y < height; y++) {
      const i = y * stride;
      let o = y * outW;
      let v = plane[i];
      out[o++] = v;
      out[o++] = (v * 3 + plane[i + 1] + 2) >> 2;
      for (let x = 1; x < width - 1; x++) {
        v = plane[i + x] * 3;
        out[o++] = (v + plane[i + x - 1] + 1) >> 2;
        out[o++] = (v + plane[i + x + 1] + 2) >> 2;
      }
      v = plane[i + width - 1];
      out[o++] = (v * 3 + plane[i + width - 2] + 1) >> 2;
      out[o++] = v;
    }
    return { data: out, width: outW, height: outH };
  }

  if (hFactor === 1 && vFactor === 2) {
    for (let y = 0; y < height; y++) {
      const near = row(y);
      for (let half = 0; half < 2; half++) {
        const far = row(half === 0 ? y - 1 : y + 1);
        const bias = half === 0 ? 1 : 2;
        const o = (y * 2 + half) * outW;
        for (let x = 0; x < width; x++) out[o + x] = (plane[near + x] * 3 + plane[far + x] + bias) >> 2;
      }
    }
    return { data: out, width: outW, height: outH };
  }

  if (hFactor === 2 && vFactor === 2 && width > 2) {
    for (let y = 0; y < height; y++) {
      const near = row(y);
      for (let half = 0; half < 2; half++) {
        const far = row(half === 0 ? y - 1 : y + 1);
        let o = (y * 2 + half) * outW;
        let thisSum = plane[near] * 3 + plane[far];
        let nextSum = plane[near + 1] * 3 + plane[far + 1];
        out[o++] = (thisSum * 4 + 8) >> 4;
        out[o++] = (thisSum * 3 + nextSum + 7) >> 4;
        let lastSum = thisSum;
        thisSum = nextSum;
        for (let x = 2; x < width; x++) {
          nextSum = plane[near + x] * 3 + plane[far + x];
          out[o++] = (thisSum * 3 + lastSum + 8) >> 4;
          out[o++] = (thisSum * 3 + nextSum + 7) >> 4;
          lastSum = thisSum;
          thisSum = nextSum;
        }
        out[o++] = (thisSum * 3 + lastSum + 8) >> 4;
        out[o++] = (thisSum * 4 + 7) >> 4;
      }
    }
    return { data: out, width: outW, height: outH };
  }

  // Box replication (int_upsample / h2v1_upsample / h2v2_upsample / fullsize copy).
  for (let y = 0; y < outH; y++) {
    const i = Math.floor(y / vFactor) * stride;
    const o = y * outW;
    for (let x = 0; x < outW; x++) out[o + x] = plane[i + Math.floor(x / hFactor)];
  }
  return { data: out, width: outW, height: outH };
}

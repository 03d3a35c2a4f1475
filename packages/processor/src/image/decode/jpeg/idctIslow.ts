// libjpeg's accurate integer IDCT (`jpeg_idct_islow`, jidctint.c) as PIL's libjpeg-turbo actually runs it on
// x86-64: the AVX2 kernel (jsimd_idct_islow_avx2). For coefficients a real encoder writes both give the
// same samples; they part only on corrupt or hostile data, where the SIMD kernel works in 16-bit lanes:
// dequantisation keeps the low 16 bits of coef × quant, the sums in0±in4, in7+in3 and in5+in1 wrap at 16
// bits, each pass saturates its results to 16 bits, the DC-only shortcut covers the whole block (all
// coefficients outside the first row zero) and shifts the 16-bit product, and the output saturates instead
// of indexing the wrapping range-limit table. The decoder fuzz test (decodeJpeg.fuzz.test.ts) compares
// such inputs with libjpeg-turbo value for value. Constants are FIX(x) at 13 bits.
const CONST_BITS = 13;
const PASS1_BITS = 2;
const F_0_298 = 2446;
const F_0_390 = 3196;
const F_0_541 = 4433;
const F_0_765 = 6270;
const F_0_899 = 7373;
const F_1_175 = 9633;
const F_1_501 = 12299;
const F_1_847 = 15137;
const F_1_961 = 16069;
const F_2_053 = 16819;
const F_2_562 = 20995;
const F_3_072 = 25172;

const wrap16 = (x: number) => (x << 16) >> 16;
const sat16 = (x: number) => Math.min(32767, Math.max(-32768, x));

const deq = new Int32Array(64);
const ws = new Int32Array(64);
const result = new Int32Array(8);

/**
 * One 1-D pass on eight 16-bit inputs `src[si + k * sStride]`, descaled by `n` bits and saturated to 16 bits,
 * written to `dst[di + k * dStride]`.
 */
function pass(src: Int32Array, si: number, sStride: number, n: number, dst: Int32Array, di: number, dStride: number): void {
  const i0 = src[si];
  const i1 = src[si + sStride];
  const i2 = src[si + 2 * sStride];
  const i3 = src[si + 3 * sStride];
  const i4 = src[si + 4 * sStride];
  const i5 = src[si + 5 * sStride];
  const i6 = src[si + 6 * sStride];
  const i7 = src[si + 7 * sStride];
  // Even part: tmp3 = z2·(0.541+0.765) + z3·0.541, tmp2 = z2·0.541 + z3·(0.541−1.848).
  const tmp3 = (i2 * (F_0_541 + F_0_765) + i6 * F_0_541) | 0;
  const tmp2 = (i2 * F_0_541 + i6 * (F_0_541 - F_1_847)) | 0;
  const tmp0 = wrap16(i0 + i4) * (1 << CONST_BITS);
  const tmp1 = wrap16(i0 - i4) * (1 << CONST_BITS);
  const tmp10 = (tmp0 + tmp3) | 0;
  const tmp13 = (tmp0 - tmp3) | 0;
  const tmp11 = (tmp1 + tmp2) | 0;
  const tmp12 = (tmp1 - tmp2) | 0;
  // Odd part, with z5 folded into z3 and z4.
  const s3 = wrap16(i7 + i3);
  const s4 = wrap16(i5 + i1);
  const z3 = (s3 * (F_1_175 - F_1_961) + s4 * F_1_175) | 0;
  const z4 = (s3 * F_1_175 + s4 * (F_1_175 - F_0_390)) | 0;
  const t0 = (i7 * (F_0_298 - F_0_899) + i1 * -F_0_899 + z3) | 0;
  const t3 = (i7 * -F_0_899 + i1 * (F_1_501 - F_0_899) + z4) | 0;
  const t1 = (i5 * (F_2_053 - F_2_562) + i3 * -F_2_562 + z4) | 0;
  const t2 = (i5 * -F_2_562 + i3 * (F_3_072 - F_2_562) + z3) | 0;
  const round = 1 << (n - 1);
  dst[di] = sat16(((tmp10 + t3 + round) | 0) >> n);
  dst[di + 7 * dStride] = sat16(((tmp10 - t3 + round) | 0) >> n);
  dst[di + dStride] = sat16(((tmp11 + t2 + round) | 0) >> n);
  dst[di + 6 * dStride] = sat16(((tmp11 - t2 + round) | 0) >> n);
  dst[di + 2 * dStride] = sat16(((tmp12 + t1 + round) | 0) >> n);
  dst[di + 5 * dStride] = sat16(((tmp12 - t1 + round) | 0) >> n);
  dst[di + 3 * dStride] = sat16(((tmp13 + t0 + round) | 0) >> n);
  dst[di + 4 * dStride] = sat16(((tmp13 - t0 + round) | 0) >> n);
}

/**
 * Dequantises and inverse-transforms one 8x8 block (`coef` and `quant` in natural order), writing samples
 * to `out` at `offset` with row stride `stride`.
 */
export function idctIslow(coef: Int16Array, coefOffset: number, quant: Uint16Array, out: Uint8Array, offset: number, stride: number): void {
  let acZero = true;
  for (let k = 0; k < 64; k++) {
    const c = coef[coefOffset + k];
    deq[k] = wrap16(c * quant[k]);
    if (k >= 8 && c !== 0) acZero = false;
  }
  for (let c = 0; c < 8; c++) {
    const d0 = deq[c];
    if (acZero) {
      // The kernel's whole-block DC shortcut: a 16-bit shift, which wraps.
      const v = wrap16(d0 << PASS1_BITS);
      for (let r = 0; r < 8; r++) ws[r * 8 + c] = v;
      continue;
    }
    if (deq[8 + c] === 0 && deq[16 + c] === 0 && deq[24 + c] === 0 && deq[32 + c] === 0 && deq[40 + c] === 0 && deq[48 + c] === 0 && deq[56 + c] === 0) {
      // A column with only its DC: what the full pass computes, (d0 << 13 + 2^10) >> 11 saturated, without
      // the arithmetic (a speed-up only; the values are the pass's).
      const v = sat16(d0 * 4);
      for (let r = 0; r < 8; r++) ws[r * 8 + c] = v;
      continue;
    }
    pass(deq, c, 8, CONST_BITS - PASS1_BITS, ws, c, 8);
  }
  for (let r = 0; r < 8; r++) {
    const w = r * 8;
    const o = offset + r * stride;
    if (ws[w + 1] === 0 && ws[w + 2] === 0 && ws[w + 3] === 0 && ws[w + 4] === 0 && ws[w + 5] === 0 && ws[w + 6] === 0 && ws[w + 7] === 0) {
      // Likewise for a row with only its first value: (w0 << 13 + 2^17) >> 18 = (w0 + 16) >> 5.
      const x = (ws[w] + 16) >> 5;
      const v = x < -128 ? 0 : x > 127 ? 255 : x + 128;
      for (let c = 0; c < 8; c++) out[o + c] = v;
      continue;
    }
    pass(ws, w, 1, CONST_BITS + PASS1_BITS + 3, result, 0, 1);
    for (let c = 0; c < 8; c++) {
      const v = result[c];
      out[o + c] = v < -128 ? 0 : v > 127 ? 255 : v + 128;
    }
  }
}

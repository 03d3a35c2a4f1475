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
const line = new Int32Array(8);
const result = new Int32Array(8);

/** One 1-D pass on eight 16-bit inputs in `line`, descaled by `n` bits and saturated to 16 bits. */
function pass(n: number): void {
  const i0 = line[0];
  const i1 = line[1];
  const i2 = line[2];
  const i3 = line[3];
  const i4 = line[4];
  const i5 = line[5];
  const i6 = line[6];
  const i7 = line[7];
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
  result[0] = sat16(((tmp10 + t3 + round) | 0) >> n);
  result[7] = sat16(((tmp10 - t3 + round) | 0) >> n);
  result[1] = sat16(((tmp11 + t2 + round) | 0) >> n);
  result[6] = sat16(((tmp11 - t2 + round) | 0) >> n);
  result[2] = sat16(((tmp12 + t1 + round) | 0) >> n);
  result[5] = sat16(((tmp12 - t1 + round) | 0) >> n);
  result[3] = sat16(((tmp13 + t0 + round) | 0) >> n);
  result[4] = sat16(((tmp13 - t0 + round) | 0) >> n);
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
  if (acZero) {
    for (let c = 0; c < 8; c++) {
      const v = wrap16(deq[c] << PASS1_BITS);
      for (let r = 0; r < 8; r++) ws[r * 8 + c] = v;
    }
  } else {
    for (let c = 0; c < 8; c++) {
      for (let r = 0; r < 8; r++) line[r] = deq[r * 8 + c];
      pass(CONST_BITS - PASS1_BITS);
      for (let r = 0; r < 8; r++) ws[r * 8 + c] = result[r];
    }
  }
  for (let r = 0; r < 8; r++) {
    for (let c = 0; c < 8; c++) line[c] = ws[r * 8 + c];
    pass(CONST_BITS + PASS1_BITS + 3);
    const o = offset + r * stride;
    for (let c = 0; c < 8; c++) {
      const v = result[c];
      out[o + c] = v < -128 ? 0 : v > 127 ? 255 : v + 128;
    }
  }
}

// libjpeg's `jpeg_idct_islow` (jidctint.c): the accurate integer IDCT PIL's libjpeg-turbo uses by
// default (its SIMD versions are bit-exact with this C code). Constants are FIX(x) at 13 bits.
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

/** `range_limit[x & RANGE_MASK]` of the post-IDCT table (jdmaster.c `prepare_range_limit_table`). */
const IDCT_LIMIT = (() => {
  const t = new Uint8Array(1024);
  for (let i = 0; i < 1024; i++) {
    if (i < 128) t[i] = i + 128;
    else if (i < 384) t[i] = 255;
    else if (i < 896) t[i] = 0;
    else t[i] = i - 896;
  }
  return t;
})();

const workspace = new Int32Array(64);
// Descaling by division keeps C's 64-bit JLONG arithmetic exact (JS shifts would wrap at 32 bits).
const DIV1 = 2 ** (CONST_BITS - PASS1_BITS);
const DIV2 = 2 ** (CONST_BITS + PASS1_BITS + 3);

/**
 * Dequantises and inverse-transforms one 8x8 block (`coef` and `quant` in natural order), writing samples
 * to `out` at `offset` with row stride `stride`.
 */
export function idctIslow(coef: Int16Array, coefOffset: number, quant: Uint16Array, out: Uint8Array, offset: number, stride: number): void {
  const ws = workspace;
  for (let c = 0; c < 8; c++) {
    const i = coefOffset + c;
    if (
      coef[i + 8] === 0 && coef[i + 16] === 0 && coef[i + 24] === 0 && coef[i + 32] === 0 &&
      coef[i + 40] === 0 && coef[i + 48] === 0 && coef[i + 56] === 0
    ) {
      const dc = coef[i] * quant[c] * (1 << PASS1_BITS);
      for (let r = 0; r < 8; r++) ws[r * 8 + c] = dc;
      continue;
    }
    let z2 = coef[i + 16] * quant[c + 16];
    let z3 = coef[i + 48] * quant[c + 48];
    let z1 = (z2 + z3) * F_0_541;
    let tmp2 = z1 + z3 * -F_1_847;
    let tmp3 = z1 + z2 * F_0_765;
    z2 = coef[i] * quant[c];
    z3 = coef[i + 32] * quant[c + 32];
    let tmp0 = (z2 + z3) * 8192;
    let tmp1 = (z2 - z3) * 8192;
    const tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2;
    const tmp12 = tmp1 - tmp2;

    tmp0 = coef[i + 56] * quant[c + 56];
    tmp1 = coef[i + 40] * quant[c + 40];
    tmp2 = coef[i + 24] * quant[c + 24];
    tmp3 = coef[i + 8] * quant[c + 8];
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * F_1_175;
    tmp0 *= F_0_298;
    tmp1 *= F_2_053;
    tmp2 *= F_3_072;
    tmp3 *= F_1_501;
    z1 *= -F_0_899;
    z2 *= -F_2_562;
    z3 *= -F_1_961;
    z4 *= -F_0_390;
    z3 += z5;
    z4 += z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;

    const half = 1 << (CONST_BITS - PASS1_BITS - 1);
    ws[c] = Math.floor((tmp10 + tmp3 + half) / DIV1);
    ws[56 + c] = Math.floor((tmp10 - tmp3 + half) / DIV1);
    ws[8 + c] = Math.floor((tmp11 + tmp2 + half) / DIV1);
    ws[48 + c] = Math.floor((tmp11 - tmp2 + half) / DIV1);
    ws[16 + c] = Math.floor((tmp12 + tmp1 + half) / DIV1);
    ws[40 + c] = Math.floor((tmp12 - tmp1 + half) / DIV1);
    ws[24 + c] = Math.floor((tmp13 + tmp0 + half) / DIV1);
    ws[32 + c] = Math.floor((tmp13 - tmp0 + half) / DIV1);
  }

  const sh2 = CONST_BITS + PASS1_BITS + 3;
  const half2 = 1 << (sh2 - 1);
  for (let r = 0; r < 8; r++) {
    const w = r * 8;
    const o = offset + r * stride;
    if (ws[w + 1] === 0 && ws[w + 2] === 0 && ws[w + 3] === 0 && ws[w + 4] === 0 && ws[w + 5] === 0 && ws[w + 6] === 0 && ws[w + 7] === 0) {
      const v = IDCT_LIMIT[((ws[w] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      for (let k = 0; k < 8; k++) out[o + k] = v;
      continue;
    }
    let z2 = ws[w + 2];
    let z3 = ws[w + 6];
    let z1 = (z2 + z3) * F_0_541;
    let tmp2 = z1 + z3 * -F_1_847;
    let tmp3 = z1 + z2 * F_0_765;
    let tmp0 = (ws[w] + ws[w + 4]) * 8192;
    let tmp1 = (ws[w] - ws[w + 4]) * 8192;
    const tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2;
    const tmp12 = tmp1 - tmp2;

    tmp0 = ws[w + 7];
    tmp1 = ws[w + 5];
    tmp2 = ws[w + 3];
    tmp3 = ws[w + 1];
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * F_1_175;
    tmp0 *= F_0_298;
    tmp1 *= F_2_053;
    tmp2 *= F_3_072;
    tmp3 *= F_1_501;
    z1 *= -F_0_899;
    z2 *= -F_2_562;
    z3 *= -F_1_961;
    z4 *= -F_0_390;
    z3 += z5;
    z4 += z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;

    out[o] = IDCT_LIMIT[Math.floor((tmp10 + tmp3 + half2) / DIV2) & 1023];
    out[o + 7] = IDCT_LIMIT[Math.floor((tmp10 - tmp3 + half2) / DIV2) & 1023];
    out[o + 1] = IDCT_LIMIT[Math.floor((tmp11 + tmp2 + half2) / DIV2) & 1023];
    out[o + 6] = IDCT_LIMIT[Math.floor((tmp11 - tmp2 + half2) / DIV2) & 1023];
    out[o + 2] = IDCT_LIMIT[Math.floor((tmp12 + tmp1 + half2) / DIV2) & 1023];
    out[o + 5] = IDCT_LIMIT[Math.floor((tmp12 - tmp1 + half2) / DIV2) & 1023];
    out[o + 3] = IDCT_LIMIT[Math.floor((tmp13 + tmp0 + half2) / DIV2) & 1023];
    out[o + 4] = IDCT_LIMIT[Math.floor((tmp13 - tmp0 + half2) / DIV2) & 1023];
  }
}

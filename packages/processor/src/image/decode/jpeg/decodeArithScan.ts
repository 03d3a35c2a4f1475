import { FIXED_STATE, type JpegArithDecoder } from './JpegArithDecoder.js';

/** What the arithmetic scan decoder needs of a frame component. */
export interface ArithComponent {
  readonly width: number;
  readonly height: number;
  readonly h: number;
  readonly v: number;
  readonly blocksW: number;
  readonly coefs: Int16Array;
  /** Conditioning table numbers from the scan header (Td, Ta). */
  dcTbl: number;
  acTbl: number;
}

/** DAC marker contents, per table number: DC lower/upper bounds L and U, AC threshold K (defaults 0, 1, 5). */
export interface ArithConditioning {
  readonly dcL: Uint8Array;
  readonly dcU: Uint8Array;
  readonly acK: Uint8Array;
}

export function defaultArithConditioning(): ArithConditioning {
  return { dcL: new Uint8Array(16), dcU: new Uint8Array(16).fill(1), acK: new Uint8Array(16).fill(5) };
}

// Zigzag → natural order (no guard entries are needed: arithmetic decoding stops at Se).
const NATURAL = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50,
  43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/**
 * One arithmetic-coded scan (SOF9 sequential, SOF10 progressive), ITU-T T.81 Annex F as libjpeg-turbo's
 * jdarith.c decodes it: statistics areas cleared at the scan start and at each restart, DC conditioning by
 * the previous difference's category (DAC's L and U), AC magnitude contexts split at K, a fixed 0.5 bin for
 * signs and refinement bits. A bad code (magnitude or spectral overflow) leaves the rest of the restart
 * interval undecoded, as libjpeg does. Coefficients are written into each component's `coefs`.
 */
export function decodeArithScan(
  progressive: boolean,
  mcusW: number,
  mcusH: number,
  comps: readonly ArithComponent[],
  dec: JpegArithDecoder,
  cond: ArithConditioning,
  restartInterval: number,
  ss: number,
  se: number,
  ah: number,
  al: number,
): void {
  const dcStats = new Map<number, Uint8Array>();
  const acStats = new Map<number, Uint8Array>();
  const fixed = new Uint8Array([FIXED_STATE]);
  const lastDc = new Int32Array(comps.length);
  const dcContext = new Int32Array(comps.length);
  const usesDc = !progressive || (ss === 0 && ah === 0);
  const usesAc = !progressive || ss > 0;
  const resetStats = () => {
    comps.forEach((c, ci) => {
      if (usesDc) {
        dcStats.set(c.dcTbl, new Uint8Array(64));
        lastDc[ci] = 0;
        dcContext[ci] = 0;
      }
      if (usesAc) acStats.set(c.acTbl, new Uint8Array(256));
    });
  };
  resetStats();
  dec.reset();

  const decodeDcDiff = (ci: number, tbl: number): void => {
    const stats = dcStats.get(tbl) as Uint8Array;
    let st = dcContext[ci];
    if (dec.decode(stats, st) === 0) {
      dcContext[ci] = 0;
      return;
    }
    const sign = dec.decode(stats, st + 1);
    st += 2 + sign;
    let m = dec.decode(stats, st);
    if (m !== 0) {
      st = 20;
      while (dec.decode(stats, st)) {
        m <<= 1;
        if (m === 0x8000) {
          dec.failed = true; // magnitude overflow (JWRN_ARITH_BAD_CODE)
          return;
        }
        st++;
      }
    }
    if (m < (1 << cond.dcL[tbl]) >> 1) dcContext[ci] = 0;
    else if (m > (1 << cond.dcU[tbl]) >> 1) dcContext[ci] = 12 + sign * 4;
    else dcContext[ci] = 4 + sign * 4;
    let v = m;
    st += 14;
    for (m >>= 1; m; m >>= 1) if (dec.decode(stats, st)) v |= m;
    v += 1;
    lastDc[ci] += sign ? -v : v;
  };

  /** AC coefficients from..to (sequential, or a progressive first pass scaled by `shift`). */
  const decodeAc = (c: ArithComponent, z: Int16Array, o: number, from: number, to: number, shift: number): void => {
    const stats = acStats.get(c.acTbl) as Uint8Array;
    const K = cond.acK[c.acTbl];
    for (let k = from; k <= to; k++) {
      let st = 3 * (k - 1);
      if (dec.decode(stats, st)) break; // EOB
      while (dec.decode(stats, st + 1) === 0) {
        st += 3;
        k++;
        if (k > to) {
          dec.failed = true; // spectral overflow
          return;
        }
      }
      const sign = dec.decode(fixed, 0);
      st += 2;
      let m = dec.decode(stats, st);
      if (m !== 0 && dec.decode(stats, st)) {
        m <<= 1;
        st = k <= K ? 189 : 217;
        while (dec.decode(stats, st)) {
          m <<= 1;
          if (m === 0x8000) {
            dec.failed = true;
            return;
          }
          st++;
        }
      }
      let v = m;
      st += 14;
      for (m >>= 1; m; m >>= 1) if (dec.decode(stats, st)) v |= m;
      v += 1;
      z[o + NATURAL[k]] = (sign ? -v : v) * (1 << shift);
    }
  };

  const decodeAcRefine = (c: ArithComponent, z: Int16Array, o: number): void => {
    const stats = acStats.get(c.acTbl) as Uint8Array;
    const p1 = 1 << al;
    const m1 = -1 << al;
    let kex = se;
    for (; kex > 0; kex--) if (z[o + NATURAL[kex]]) break;
    for (let k = ss; k <= se; k++) {
      let st = 3 * (k - 1);
      if (k > kex && dec.decode(stats, st)) break; // EOB
      for (;;) {
        const pos = o + NATURAL[k];
        if (z[pos]) {
          if (dec.decode(stats, st + 2)) z[pos] += z[pos] < 0 ? m1 : p1;
          break;
        }
        if (dec.decode(stats, st + 1)) {
          z[pos] = dec.decode(fixed, 0) ? m1 : p1;
          break;
        }
        st += 3;
        k++;
        if (k > se) {
          dec.failed = true;
          return;
        }
      }
    }
  };

  const decodeBlock = (ci: number, o: number): void => {
    // After a bad code libjpeg returns from the MCU at once: its remaining blocks stay as they are.
    if (dec.failed) return;
    const c = comps[ci];
    const z = c.coefs;
    if (!progressive) {
      decodeDcDiff(ci, c.dcTbl);
      if (dec.failed) return;
      z[o] = lastDc[ci];
      decodeAc(c, z, o, 1, 63, 0);
      return;
    }
    if (ss === 0) {
      if (ah === 0) {
        decodeDcDiff(ci, c.dcTbl);
        if (dec.failed) return;
        z[o] = lastDc[ci] * (1 << al);
      } else if (dec.decode(fixed, 0)) {
        z[o] |= 1 << al;
      }
      return;
    }
    if (ah === 0) decodeAc(c, z, o, ss, se, al);
    else decodeAcRefine(c, z, o);
  };

  const single = comps.length === 1;
  const total = single ? Math.ceil(comps[0].width / 8) * Math.ceil(comps[0].height / 8) : mcusW * mcusH;
  const perRow = single ? Math.ceil(comps[0].width / 8) : mcusW;
  let nextRestart = 0;
  for (let m = 0; m < total; m++) {
    if (restartInterval && m > 0 && m % restartInterval === 0) {
      dec.restart(nextRestart);
      nextRestart = (nextRestart + 1) & 7;
      resetStats();
    }
    // After a bad code, MCUs are skipped until the next restart (DC refinement cannot fail).
    if (dec.failed) continue;
    const mr = Math.floor(m / perRow);
    const mc = m % perRow;
    if (single) {
      decodeBlock(0, (mr * comps[0].blocksW + mc) * 64);
    } else {
      comps.forEach((c, ci) => {
        for (let by = 0; by < c.v; by++) for (let bx = 0; bx < c.h; bx++) decodeBlock(ci, ((mr * c.v + by) * c.blocksW + mc * c.h + bx) * 64);
      });
    }
    if (dec.truncated) break;
  }
}


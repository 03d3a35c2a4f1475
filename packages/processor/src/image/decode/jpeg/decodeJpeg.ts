import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';
import { InvalidImageError } from '../../../errors/InvalidImageError.js';
import { UnsupportedImageFormatError } from '../../../errors/UnsupportedImageFormatError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from '../pixelLimit.js';
import { idctIslow } from './idctIslow.js';
import { type ArithConditioning, decodeArithScan, defaultArithConditioning } from './decodeArithScan.js';
import { JpegArithDecoder } from './JpegArithDecoder.js';
import { JpegBitReader } from './JpegBitReader.js';
import { buildHuffmanTable, type JpegHuffmanTable } from './JpegHuffmanTable.js';
import { ycckToCmyk, yccToRgb } from './jpegColorConvert.js';
import { readJpegExifOrientation } from './readJpegExifOrientation.js';
import { upsampleComponent } from './upsampleComponent.js';

// Zigzag position → natural (row-major) position, with libjpeg's 16 guard entries for corrupt run lengths.
const NATURAL = new Int32Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63, 63, 63, 63, 63, 63, 63, 63,
  63, 63, 63, 63, 63, 63, 63, 63, 63,
]);

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** downsampled_width / downsampled_height. */
  width: number;
  height: number;
  /** Blocks per row / column, padded to whole MCUs. */
  blocksW: number;
  blocksH: number;
  coefs: Int16Array;
  /** libjpeg's `coef_bits`: per zigzag coefficient, the Al of the last scan that coded it, -1 if none. */
  coefBits: Int8Array;
  dcPred: number;
  /** Table numbers of the current scan (arithmetic coding looks its statistics up by number). */
  dcTbl: number;
  acTbl: number;
  dcTable?: JpegHuffmanTable;
  acTable?: JpegHuffmanTable;
}

interface Frame {
  progressive: boolean;
  width: number;
  height: number;
  maxH: number;
  maxV: number;
  mcusW: number;
  mcusH: number;
  components: Component[];
}

/**
 * A JPEG decoder that reproduces libjpeg-turbo's output as PIL 9.4 gets it (`Image.open(...)`, default
 * decompression parameters): baseline and progressive Huffman coding, islow integer IDCT, fancy upsampling,
 * fixed-point YCbCr → RGB, libjpeg's colour-space guess (JFIF / Adobe transform / component ids), and PIL's
 * modes: 1 component → L, 3 → RGB, 4 → CMYK (stored inverted, PIL's "CMYK;I" rawmode).
 * Arithmetic coding, lossless, hierarchical and 12-bit JPEGs are rejected.
 */
export function decodeJpeg(bytes: Uint8Array, source: string, maxPixels = DEFAULT_MAX_PIXELS): DecodedImage {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new ImageDecodeError(source, 'not a JPEG file (no SOI marker)');
  const quant: Uint16Array[] = [];
  const dcTables: JpegHuffmanTable[] = [];
  const acTables: JpegHuffmanTable[] = [];
  let frame: Frame | undefined;
  let restartInterval = 0;
  let arithmetic = false;
  const arithCond = defaultArithConditioning();
  let jfif = false;
  let adobeTransform = -1;
  let pos = 2;
  let sawEoi = false;
  const u16 = (p: number) => (bytes[p] << 8) | bytes[p + 1];

  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = bytes[pos + 1];
    if (marker === undefined) break;
    if (marker === 0xff || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xd9) {
      sawEoi = true;
      break;
    }
    if (pos + 4 > bytes.length) throw new ImageDecodeError(source, 'truncated JPEG: marker segment cut off');
    const length = u16(pos + 2);
    const start = pos + 4;
    const end = pos + 2 + length;
    if (end > bytes.length) throw new ImageDecodeError(source, `truncated JPEG: segment 0xFF${marker.toString(16).toUpperCase()} runs past the end of the file`);
    const seg = bytes.subarray(start, end);

    if (marker === 0xdb) {
      for (let p = 0; p < seg.length; ) {
        const precision = seg[p] >> 4;
        const id = seg[p] & 15;
        p++;
        const table = new Uint16Array(64);
        for (let k = 0; k < 64; k++) {
          table[NATURAL[k]] = precision ? (seg[p] << 8) | seg[p + 1] : seg[p];
          p += precision ? 2 : 1;
        }
        quant[id] = table;
      }
    } else if (marker === 0xc4) {
      for (let p = 0; p < seg.length; ) {
        const cls = seg[p] >> 4;
        const id = seg[p] & 15;
        const counts = seg.subarray(p + 1, p + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        const table = buildHuffmanTable(counts, seg.slice(p + 17, p + 17 + total));
        (cls === 0 ? dcTables : acTables)[id] = table;
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(start);
    } else if (marker === 0xe0) {
      if (seg.length >= 5 && seg[0] === 0x4a && seg[1] === 0x46 && seg[2] === 0x49 && seg[3] === 0x46 && seg[4] === 0) jfif = true;
    } else if (marker === 0xee) {
      if (seg.length >= 12 && String.fromCharCode(...seg.subarray(0, 5)) === 'Adobe') adobeTransform = seg[11];
    } else if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2 || marker === 0xc9 || marker === 0xca) {
      frame = readFrame(seg, marker === 0xc2 || marker === 0xca, source, maxPixels);
      arithmetic = marker === 0xc9 || marker === 0xca;
    } else if (marker === 0xcc) {
      readArithConditioning(seg, arithCond, source);
    } else if ((marker >= 0xc3 && marker <= 0xcf) && marker !== 0xc4 && marker !== 0xc8) {
      const kind = marker >= 0xc9 ? 'arithmetic-coded lossless or hierarchical' : marker === 0xc3 ? 'lossless' : 'hierarchical or lossless';
      throw new UnsupportedImageFormatError(
        source,
        `${kind} JPEG (SOF${marker - 0xc0}) is not supported by the TypeScript decoder; in Node, install sharp (it decodes these exactly as PIL)`,
      );
    } else if (marker === 0xda) {
      if (!frame) throw new ImageDecodeError(source, 'corrupt JPEG: scan before frame header');
      const n = seg[0];
      const comps: Component[] = [];
      for (let i = 0; i < n; i++) {
        const c = frame.components.find((x) => x.id === seg[1 + i * 2]);
        if (!c) throw new ImageDecodeError(source, 'corrupt JPEG: scan references an unknown component');
        c.dcTable = dcTables[seg[2 + i * 2] >> 4];
        c.acTable = acTables[seg[2 + i * 2] & 15];
        c.dcTbl = seg[2 + i * 2] >> 4;
        c.acTbl = seg[2 + i * 2] & 15;
        comps.push(c);
      }
      const ss = seg[1 + n * 2];
      const se = seg[2 + n * 2];
      const ah = seg[3 + n * 2] >> 4;
      const al = seg[3 + n * 2] & 15;
      // libjpeg refuses a scan whose Huffman tables were never defined (JERR_NO_HUFF_TABLE).
      if (arithmetic) {
        const coder = new JpegArithDecoder(bytes, end);
        decodeArithScan(frame.progressive, frame.mcusW, frame.mcusH, comps, coder, arithCond, restartInterval, ss, se, ah, al);
        for (const c of comps) c.coefBits.fill(al, ss, Math.min(se, 63) + 1);
        if (coder.truncated) throw new ImageDecodeError(source, 'truncated JPEG: image data ends early');
        pos = endOfScan(bytes, coder.pos);
        continue;
      }
      const needDc = !frame.progressive || (ss === 0 && ah === 0);
      const needAc = !frame.progressive || ss > 0;
      if (comps.some((c) => (needDc && !c.dcTable) || (needAc && !c.acTable))) {
        throw new ImageDecodeError(source, 'corrupt JPEG: scan uses a Huffman table that is not defined');
      }
      const reader = new JpegBitReader(bytes, end);
      decodeScan(frame, comps, reader, restartInterval, ss, se, ah, al);
      for (const c of comps) c.coefBits.fill(al, ss, Math.min(se, 63) + 1);
      if (reader.truncated) throw new ImageDecodeError(source, 'truncated JPEG: image data ends early');
      pos = reader.endOfScan();
      continue;
    }
    pos = end;
  }
  if (!frame) throw new ImageDecodeError(source, 'corrupt JPEG: no frame header (SOF)');
  if (!sawEoi) throw new ImageDecodeError(source, 'truncated JPEG: no end-of-image marker');
  if (frame.progressive && blockSmoothingApplies(frame, quant)) {
    throw new UnsupportedImageFormatError(
      source,
      'progressive JPEG whose scans stop before its low-frequency coefficients are complete: libjpeg (PIL) fills them in by block smoothing, which the TypeScript decoder does not implement; in Node, install sharp (it decodes these as PIL)',
    );
  }
  const orientation = readJpegExifOrientation(bytes);
  return { ...toImage(frame, quant, jfif, adobeTransform, source), ...(orientation ? { orientation } : {}) };
}

/** DAC segment (jdmarker.c get_dac): Tc/Tb then the value; AC tables are numbered 16 and up. */
function readArithConditioning(seg: Uint8Array, cond: ArithConditioning, source: string): void {
  for (let p = 0; p + 1 < seg.length; p += 2) {
    const index = seg[p];
    const value = seg[p + 1];
    if (index >= 32) throw new ImageDecodeError(source, `corrupt JPEG: DAC table index ${index}`);
    if (index >= 16) {
      cond.acK[index - 16] = value;
    } else {
      cond.dcL[index] = value & 15;
      cond.dcU[index] = value >> 4;
      if (cond.dcL[index] > cond.dcU[index]) throw new ImageDecodeError(source, `corrupt JPEG: DAC value ${value} (L > U)`);
    }
  }
}

/** Position of the marker that ends an arithmetic-coded scan's data (stuffed 0xFF00 is data). */
function endOfScan(bytes: Uint8Array, from: number): number {
  let p = from;
  while (p + 1 < bytes.length && !(bytes[p] === 0xff && bytes[p + 1] !== 0 && bytes[p + 1] !== 0xff && !(bytes[p + 1] >= 0xd0 && bytes[p + 1] <= 0xd7))) p++;
  return p;
}

// Natural-order positions of the DC and the first nine AC coefficients (jdcoefct.c Q00..Q30).
const SMOOTHED = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24];

/**
 * libjpeg-turbo's `smoothing_ok`: a progressive image whose DC is known for every component, whose quantisers
 * for the first ten coefficients are nonzero, and where one of the first nine AC coefficients (zigzag 1–9)
 * is missing or not fully refined, is output with interblock smoothing.
 */
function blockSmoothingApplies(frame: Frame, quant: Uint16Array[]): boolean {
  let useful = false;
  for (const c of frame.components) {
    const q = quant[c.tq];
    if (!q || SMOOTHED.some((pos) => q[pos] === 0)) return false;
    if (c.coefBits[0] < 0) return false;
    for (let k = 1; k < 10; k++) if (c.coefBits[k] !== 0) useful = true;
  }
  return useful;
}

function readFrame(seg: Uint8Array, progressive: boolean, source: string, maxPixels: number): Frame {
  if (seg[0] !== 8) throw new UnsupportedImageFormatError(source, `${seg[0]}-bit JPEG samples are not supported (8-bit only)`);
  const height = (seg[1] << 8) | seg[2];
  const width = (seg[3] << 8) | seg[4];
  if (!width || !height) throw new InvalidImageError(`${source}: zero-sized image (${width}x${height})`);
  // Before the coefficient buffers (2 bytes per sample per component) are allocated.
  checkPixelLimit(width, height, maxPixels, source);
  const n = seg[5];
  if (n !== 1 && n !== 3 && n !== 4) throw new UnsupportedImageFormatError(source, `JPEG with ${n} components is not supported`);
  const raw = Array.from({ length: n }, (_, i) => ({ id: seg[6 + i * 3], h: seg[7 + i * 3] >> 4, v: seg[7 + i * 3] & 15, tq: seg[8 + i * 3] }));
  const maxH = Math.max(...raw.map((c) => c.h));
  const maxV = Math.max(...raw.map((c) => c.v));
  const mcusW = Math.ceil(width / (8 * maxH));
  const mcusH = Math.ceil(height / (8 * maxV));
  const components = raw.map((c) => {
    const blocksW = mcusW * c.h;
    const blocksH = mcusH * c.v;
    return {
      ...c,
      width: Math.ceil((width * c.h) / maxH),
      height: Math.ceil((height * c.v) / maxV),
      blocksW,
      blocksH,
      coefs: new Int16Array(blocksW * blocksH * 64),
      coefBits: new Int8Array(64).fill(-1),
      dcPred: 0,
      dcTbl: 0,
      acTbl: 0,
    };
  });
  return { progressive, width, height, maxH, maxV, mcusW, mcusH, components };
}

function extend(value: number, bits: number): number {
  return value < 1 << (bits - 1) ? value + (-1 << bits) + 1 : value;
}

function decodeScan(
  frame: Frame,
  comps: Component[],
  reader: JpegBitReader,
  restartInterval: number,
  ss: number,
  se: number,
  ah: number,
  al: number,
): void {
  let eobrun = 0;
  for (const c of comps) c.dcPred = 0;
  const decodeBlock = (c: Component, offset: number) => {
    const z = c.coefs;
    if (!frame.progressive) {
      const s = reader.decode(c.dcTable as JpegHuffmanTable);
      const diff = s ? extend(reader.getBits(s), s) : 0;
      c.dcPred += diff;
      z[offset] = c.dcPred;
      const ac = c.acTable as JpegHuffmanTable;
      for (let k = 1; k < 64; k++) {
        const rs = reader.decode(ac);
        const r = rs >> 4;
        const size = rs & 15;
        if (size) {
          k += r;
          z[offset + NATURAL[k]] = extend(reader.getBits(size), size);
        } else {
          if (r !== 15) break;
          k += 15;
        }
      }
      return;
    }
    if (ss === 0) {
      // DC scans (first or refinement).
      if (ah === 0) {
        const s = reader.decode(c.dcTable as JpegHuffmanTable);
        const diff = s ? extend(reader.getBits(s), s) : 0;
        c.dcPred += diff;
        z[offset] = c.dcPred * (1 << al);
      } else if (reader.getBit()) {
        z[offset] |= 1 << al;
      }
      return;
    }
    const ac = c.acTable as JpegHuffmanTable;
    if (ah === 0) {
      if (eobrun > 0) {
        eobrun--;
        return;
      }
      for (let k = ss; k <= se; k++) {
        const rs = reader.decode(ac);
        const r = rs >> 4;
        const size = rs & 15;
        if (size) {
          k += r;
          z[offset + NATURAL[k]] = extend(reader.getBits(size), size) * (1 << al);
        } else if (r === 15) {
          k += 15;
        } else {
          eobrun = 1 << r;
          if (r) eobrun += reader.getBits(r);
          eobrun--;
          break;
        }
      }
      return;
    }
    // AC refinement (jdphuff.c decode_mcu_AC_refine).
    const p1 = 1 << al;
    const m1 = -1 << al;
    let k = ss;
    const refine = (pos: number) => {
      if (reader.getBit() && (z[pos] & p1) === 0) z[pos] += z[pos] >= 0 ? p1 : m1;
    };
    if (eobrun === 0) {
      for (; k <= se; k++) {
        const rs = reader.decode(ac);
        let r = rs >> 4;
        let s = rs & 15;
        if (s) {
          s = reader.getBit() ? p1 : m1;
        } else if (r !== 15) {
          eobrun = 1 << r;
          if (r) eobrun += reader.getBits(r);
          break;
        }
        do {
          const pos = offset + NATURAL[k];
          if (z[pos] !== 0) refine(pos);
          else if (--r < 0) break;
          k++;
        } while (k <= se);
        if (s) z[offset + NATURAL[k]] = s;
      }
    }
    if (eobrun > 0) {
      for (; k <= se; k++) {
        const pos = offset + NATURAL[k];
        if (z[pos] !== 0) refine(pos);
      }
      eobrun--;
    }
  };

  const single = comps.length === 1;
  const total = single
    ? Math.ceil(comps[0].width / 8) * Math.ceil(comps[0].height / 8)
    : frame.mcusW * frame.mcusH;
  const perRow = single ? Math.ceil(comps[0].width / 8) : frame.mcusW;
  let nextRestart = 0;
  for (let m = 0; m < total; m++) {
    if (restartInterval && m > 0 && m % restartInterval === 0) {
      reader.restart(nextRestart);
      nextRestart = (nextRestart + 1) & 7;
      eobrun = 0;
      for (const c of comps) c.dcPred = 0;
    }
    // libjpeg: once the data ran out, the rest of the segment is left as it is (zero in a baseline image,
    // uniform grey), rather than decoded from zero bits.
    if (reader.insufficient) continue;
    const mr = Math.floor(m / perRow);
    const mc = m % perRow;
    if (single) {
      const c = comps[0];
      decodeBlock(c, (mr * c.blocksW + mc) * 64);
    } else {
      for (const c of comps) {
        for (let by = 0; by < c.v; by++) {
          for (let bx = 0; bx < c.h; bx++) {
            decodeBlock(c, ((mr * c.v + by) * c.blocksW + mc * c.h + bx) * 64);
          }
        }
      }
    }
    if (reader.truncated) break;
  }
}

function toImage(frame: Frame, quant: Uint16Array[], jfif: boolean, adobe: number, source: string): DecodedImage {
  const { width, height, maxH, maxV, components } = frame;
  const planes = components.map((c) => {
    const q = quant[c.tq];
    if (!q) throw new ImageDecodeError(source, `corrupt JPEG: missing quantization table ${c.tq}`);
    const stride = c.blocksW * 8;
    const plane = new Uint8Array(stride * c.blocksH * 8);
    for (let by = 0; by < c.blocksH; by++) {
      for (let bx = 0; bx < c.blocksW; bx++) {
        idctIslow(c.coefs, (by * c.blocksW + bx) * 64, q, plane, by * 8 * stride + bx * 8, stride);
      }
    }
    if (c.h === maxH && c.v === maxV) return { data: plane, stride };
    if (maxH % c.h !== 0 || maxV % c.v !== 0) {
      throw new UnsupportedImageFormatError(source, 'JPEG with fractional chroma sampling ratios is not supported');
    }
    const up = upsampleComponent(plane, stride, c.width, c.height, maxH / c.h, maxV / c.v);
    return { data: up.data, stride: up.width };
  });

  const n = components.length;
  if (n === 1) {
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) out.set(planes[0].data.subarray(y * planes[0].stride, y * planes[0].stride + width), y * width);
    return { mode: 'L', width, height, data: out };
  }
  const ids = components.map((c) => c.id);
  if (n === 3) {
    // libjpeg's default_decompress_parms: JFIF → YCbCr; Adobe transform 0 → RGB; ids 'R','G','B' → RGB.
    const isRgb = !jfif && (adobe === 0 || (adobe < 0 && ids[0] === 82 && ids[1] === 71 && ids[2] === 66));
    const out = new Uint8Array(width * height * 3);
    const [p0, p1, p2] = planes;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const o = (y * width + x) * 3;
        const a = p0.data[y * p0.stride + x];
        const b = p1.data[y * p1.stride + x];
        const c = p2.data[y * p2.stride + x];
        if (isRgb) {
          out[o] = a;
          out[o + 1] = b;
          out[o + 2] = c;
        } else {
          yccToRgb(a, b, c, out, o);
        }
      }
    }
    return { mode: 'RGB', width, height, data: out };
  }
  // 4 components: Adobe transform 2 (or unknown non-zero) means YCCK; PIL then reads CMYK inverted.
  const ycck = adobe > 0;
  const out = new Uint8Array(width * height * 4);
  const [p0, p1, p2, p3] = planes;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const a = p0.data[y * p0.stride + x];
      const b = p1.data[y * p1.stride + x];
      const c = p2.data[y * p2.stride + x];
      const k = p3.data[y * p3.stride + x];
      if (ycck) ycckToCmyk(a, b, c, k, out, o);
      else {
        out[o] = a;
        out[o + 1] = b;
        out[o + 2] = c;
        out[o + 3] = k;
      }
      for (let i = 0; i < 4; i++) out[o + i] = 255 - out[o + i];
    }
  }
  return { mode: 'CMYK', width, height, data: out };
}

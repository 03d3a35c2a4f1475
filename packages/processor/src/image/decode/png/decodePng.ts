import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';
import { InvalidImageError } from '../../../errors/InvalidImageError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { readExifOrientation } from '../../exif/readExifOrientation.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from '../pixelLimit.js';
import { crc32 } from './crc32.js';
import { inflate } from './inflate.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const VALID_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

// Adam7 passes: x start, y start, x step, y step.
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace: number;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * A PNG decoder that returns the raw samples in the mode PIL's PngImagePlugin opens the file in (its
 * `_MODES` table): 16-bit grayscale → `I` with full 16-bit values, 16-bit colour → high bytes,
 * 16-bit gray+alpha → `RGBA`, 2/4-bit gray scaled by 85/17, palettes kept as `P`. Gamma, ICC profiles
 * and tRNS do not change sample values (PIL ignores them too).
 */
export async function decodePng(bytes: Uint8Array, source: string, maxPixels = DEFAULT_MAX_PIXELS): Promise<DecodedImage> {
  if (!isPng(bytes)) throw new ImageDecodeError(source, 'not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Header | undefined;
  let palette: Uint8Array | undefined;
  let orientation: number | undefined;
  const idat: Uint8Array[] = [];
  let pos = 8;
  let sawEnd = false;
  while (pos < bytes.length) {
    if (pos + 8 > bytes.length) throw new ImageDecodeError(source, `truncated PNG: incomplete chunk header at byte ${pos}`);
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) throw new ImageDecodeError(source, `truncated PNG: chunk ${type} at byte ${pos} runs past the end of the file`);
    if (crc32(bytes, pos + 4, dataEnd) !== view.getUint32(dataEnd)) {
      throw new ImageDecodeError(source, `corrupt PNG: CRC mismatch in chunk ${type} at byte ${pos}`);
    }
    const data = bytes.subarray(dataStart, dataEnd);
    if (type === 'IHDR') {
      header = readHeader(data, source, maxPixels);
    } else if (type === 'PLTE') {
      palette = data;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'eXIf') {
      orientation = readExifOrientation(data);
    } else if (type === 'IEND') {
      sawEnd = true;
      break;
    } else if (!header) {
      throw new ImageDecodeError(source, `corrupt PNG: chunk ${type} before IHDR`);
    }
    pos = dataEnd + 4;
  }
  if (!header) throw new ImageDecodeError(source, 'corrupt PNG: no IHDR chunk');
  if (idat.length === 0) throw new ImageDecodeError(source, sawEnd ? 'corrupt PNG: no IDAT chunk' : 'truncated PNG: no image data');
  if (header.colorType === 3 && !palette) throw new ImageDecodeError(source, 'corrupt PNG: palette image without PLTE chunk');

  let raw: Uint8Array;
  try {
    raw = await inflate(concat(idat), rawSize(header));
  } catch (cause) {
    throw new ImageDecodeError(source, 'truncated or corrupt PNG image data (zlib stream)', { cause });
  }
  // Refuse short data before the sample buffer (up to 8 bytes per pixel) is allocated for it.
  if (raw.length < rawSize(header)) throw new ImageDecodeError(source, 'truncated PNG: image data ends early');
  const samples = unfilterAll(raw, header, source);
  return toDecodedImage(samples, header, palette, orientation);
}

function readHeader(data: Uint8Array, source: string, maxPixels: number): Header {
  if (data.length !== 13) throw new ImageDecodeError(source, `corrupt PNG: IHDR has ${data.length} bytes, expected 13`);
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const header = { width: v.getUint32(0), height: v.getUint32(4), depth: data[8], colorType: data[9], interlace: data[12] };
  if (header.width === 0 || header.height === 0) {
    throw new InvalidImageError(`${source}: zero-sized image (${header.width}x${header.height})`);
  }
  if (header.width > 0x7fffffff || header.height > 0x7fffffff) {
    throw new ImageDecodeError(source, `corrupt PNG: IHDR size ${header.width}x${header.height} exceeds the PNG maximum of 2^31-1 per side`);
  }
  // Before any IDAT is inflated or any sample buffer allocated.
  checkPixelLimit(header.width, header.height, maxPixels, source);
  const depths = VALID_DEPTHS[header.colorType];
  if (!depths?.includes(header.depth)) {
    throw new ImageDecodeError(source, `unsupported PNG colour type ${header.colorType} with bit depth ${header.depth}`);
  }
  if (data[10] !== 0 || data[11] !== 0 || header.interlace > 1) {
    throw new ImageDecodeError(source, 'corrupt PNG: unknown compression, filter or interlace method');
  }
  return header;
}

/** Filtered bytes the image needs (filter byte + packed row, per pass): inflate stops there, as PIL does. */
function rawSize(h: Header): number {
  const channels = CHANNELS[h.colorType];
  const passes = h.interlace ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((h.width - x0) / dx);
    const ph = Math.ceil((h.height - y0) / dy);
    if (pw > 0 && ph > 0) total += (Math.ceil((pw * channels * h.depth) / 8) + 1) * ph;
  }
  return total;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Undo the scanline filters; returns one sample per channel per pixel, as numbers in a typed array. */
function unfilterAll(raw: Uint8Array, h: Header, source: string): Uint16Array {
  const channels = CHANNELS[h.colorType];
  const samples = new Uint16Array(h.width * h.height * channels);
  const passes = h.interlace ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let offset = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((h.width - x0) / dx);
    const ph = Math.ceil((h.height - y0) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const rowBytes = Math.ceil((pw * channels * h.depth) / 8);
    const bpp = Math.max(1, (channels * h.depth) >> 3);
    const needed = (rowBytes + 1) * ph;
    if (offset + needed > raw.length) throw new ImageDecodeError(source, 'truncated PNG: image data ends early');
    let prev = new Uint8Array(rowBytes);
    let cur = new Uint8Array(rowBytes);
    for (let r = 0; r < ph; r++) {
      const filter = raw[offset];
      const line = raw.subarray(offset + 1, offset + 1 + rowBytes);
      offset += rowBytes + 1;
      unfilterRow(filter, line, prev, cur, bpp, source);
      extractSamples(cur, pw, channels, h.depth, samples, h.width, y0 + r * dy, dx, x0);
      [prev, cur] = [cur, prev];
    }
  }
  return samples;
}

function unfilterRow(filter: number, line: Uint8Array, prev: Uint8Array, out: Uint8Array, bpp: number, source: string): void {
  const n = line.length;
  switch (filter) {
    case 0:
      out.set(line);
      return;
    case 1:
      for (let i = 0; i < n; i++) out[i] = (line[i] + (i >= bpp ? out[i - bpp] : 0)) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i++) out[i] = (line[i] + prev[i]) & 0xff;
      return;
    case 3:
      for (let i = 0; i < n; i++) out[i] = (line[i] + (((i >= bpp ? out[i - bpp] : 0) + prev[i]) >> 1)) & 0xff;
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? out[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        out[i] = (line[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
      return;
    default:
      throw new ImageDecodeError(source, `corrupt PNG: unknown scanline filter ${filter}`);
  }
}

function extractSamples(
  row: Uint8Array,
  pw: number,
  channels: number,
  depth: number,
  samples: Uint16Array,
  width: number,
  y: number,
  dx: number,
  xStart: number,
): void {
  const count = pw * channels;
  for (let s = 0; s < count; s++) {
    let v: number;
    if (depth === 8) v = row[s];
    else if (depth === 16) v = (row[s * 2] << 8) | row[s * 2 + 1];
    else {
      const bit = s * depth;
      v = (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }
    const px = Math.floor(s / channels);
    const c = s - px * channels;
    samples[(y * width + xStart + px * dx) * channels + c] = v;
  }
}

function toDecodedImage(samples: Uint16Array, h: Header, palette: Uint8Array | undefined, orientation: number | undefined): DecodedImage {
  const { width, height, depth, colorType } = h;
  const n = width * height;
  const base = { width, height, ...(orientation ? { orientation } : {}) };
  // A plain loop: Uint8Array.from(samples, fn) materialises a boxed array first (tens of MB on big images).
  const bytes = (scale: (v: number) => number) => {
    const out = new Uint8Array(samples.length);
    for (let i = 0; i < samples.length; i++) out[i] = scale(samples[i]);
    return out;
  };
  const high = (v: number) => v >> 8;
  switch (colorType) {
    case 0:
      if (depth === 16) return { ...base, mode: 'I', data: samples };
      if (depth === 1) return { ...base, mode: '1', data: bytes((v) => (v ? 255 : 0)) };
      return { ...base, mode: 'L', data: bytes((v) => v * (255 / ((1 << depth) - 1))) };
    case 2:
      return { ...base, mode: 'RGB', data: depth === 16 ? bytes(high) : bytes((v) => v) };
    case 3:
      return { ...base, mode: 'P', data: bytes((v) => v), palette: palette as Uint8Array };
    case 4: {
      if (depth === 8) return { ...base, mode: 'LA', data: bytes((v) => v) };
      // PIL opens 16-bit gray+alpha as RGBA (rawmode LA;16B): gray high byte in R, G and B.
      const out = new Uint8Array(n * 4);
      for (let i = 0; i < n; i++) {
        const g = samples[i * 2] >> 8;
        out[i * 4] = g;
        out[i * 4 + 1] = g;
        out[i * 4 + 2] = g;
        out[i * 4 + 3] = samples[i * 2 + 1] >> 8;
      }
      return { ...base, mode: 'RGBA', data: out };
    }
    default:
      return { ...base, mode: 'RGBA', data: depth === 16 ? bytes(high) : bytes((v) => v) };
  }
}

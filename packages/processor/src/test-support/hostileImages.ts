import { crc32 } from '../image/decode/png/crc32.js';

/**
 * Test support: small files whose headers declare huge images (decompression bombs) or impossible sizes,
 * built byte by byte so that only the size is wrong (CRCs and structure are valid). Browser-safe.
 */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** zlib stream of `size` zero bytes, compressed chunk by chunk (≈1000:1), without holding `size` bytes. */
export async function deflatedZeros(size: number): Promise<Uint8Array> {
  const chunk = new Uint8Array(1 << 20);
  let left = size;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(left, chunk.length);
      left -= n;
      controller.enqueue(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
  return new Uint8Array(await new Response(source.pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
}

/** A PNG with the given IHDR fields and IDAT payload (a zlib stream). */
export function pngFile(width: number, height: number, depth: number, colorType: number, idat: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([depth, colorType, 0, 0, 0], 8);
  return concatBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0)));
}

/** A baseline JPEG that is only headers: SOI, DQT, SOF0 with the given size and component count, SOS, 4 bytes, EOI. */
export function jpegHeaderOnly(width: number, height: number, components: 1 | 3 | 4): Uint8Array {
  const dqt = [0xff, 0xdb, 0, 67, 0, ...new Array(64).fill(1)];
  const sof = [0xff, 0xc0, 0, 8 + components * 3, 8, height >> 8, height & 255, width >> 8, width & 255, components];
  for (let c = 0; c < components; c++) sof.push(c + 1, 0x11, 0);
  const sos = [0xff, 0xda, 0, 6 + components * 2, components];
  for (let c = 0; c < components; c++) sos.push(c + 1, 0);
  sos.push(0, 63, 0);
  return new Uint8Array([0xff, 0xd8, ...dqt, ...sof, ...sos, 0, 0, 0, 0, 0xff, 0xd9]);
}

/** A GIF whose first frame descriptor places a 1×1 frame at (x, y), growing PIL's canvas to (x+1)×(y+1). */
export function gifWithFrameAt(x: number, y: number): Uint8Array {
  const u16 = (n: number) => [n & 255, n >> 8];
  return new Uint8Array([
    ...[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF89a
    ...u16(1),
    ...u16(1),
    0x80, // global palette, 2 entries
    0,
    0,
    ...[0, 0, 0, 255, 255, 255],
    0x2c,
    ...u16(x),
    ...u16(y),
    ...u16(1),
    ...u16(1),
    0,
    2, // LZW minimum code size
    2,
    0x44,
    0x01, // clear, 0, end
    0,
    0x3b,
  ]);
}

/** A WebP (VP8X) declaring a canvas of width × height, with no image data. */
export function webpVp8x(width: number, height: number): Uint8Array {
  const out = new Uint8Array(30);
  const put = (s: string, at: number) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  put('RIFF', 0);
  new DataView(out.buffer).setUint32(4, 22, true);
  put('WEBP', 8);
  put('VP8X', 12);
  new DataView(out.buffer).setUint32(16, 10, true);
  const w = width - 1;
  const h = height - 1;
  out.set([w & 255, (w >> 8) & 255, (w >> 16) & 255, h & 255, (h >> 8) & 255, (h >> 16) & 255], 24);
  return out;
}

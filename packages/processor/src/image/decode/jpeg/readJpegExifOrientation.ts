import { readExifOrientation } from '../../exif/readExifOrientation.js';

/** The EXIF Orientation from a JPEG's APP1 segment, walking markers up to the first scan. */
export function readJpegExifOrientation(bytes: Uint8Array): number | undefined {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (marker === 0xe1) {
      const orientation = readExifOrientation(bytes.subarray(pos + 4, pos + 2 + length));
      if (orientation !== undefined) return orientation;
    }
    pos += 2 + length;
  }
  return undefined;
}

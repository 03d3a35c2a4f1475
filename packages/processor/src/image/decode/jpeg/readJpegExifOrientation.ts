import { type ExifOrientationEntry, findExifOrientation } from '../../exif/readExifOrientation.js';

/** The EXIF Orientation entry of a JPEG's APP1 segment (offset relative to the file), up to the first scan. */
export function findJpegExifOrientation(bytes: Uint8Array): ExifOrientationEntry | undefined {
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
      const entry = findExifOrientation(bytes.subarray(pos + 4, pos + 2 + length));
      if (entry) return { ...entry, offset: entry.offset + pos + 4 };
    }
    pos += 2 + length;
  }
  return undefined;
}

export function readJpegExifOrientation(bytes: Uint8Array): number | undefined {
  return findJpegExifOrientation(bytes)?.value;
}

/**
 * A copy of the JPEG whose EXIF Orientation says 1, for decoders that rotate on their own (Chromium's
 * `createImageBitmap` does, whatever `imageOrientation` asks). Rotation then stays this package's choice.
 */
export function withoutJpegOrientation(bytes: Uint8Array): Uint8Array {
  const entry = findJpegExifOrientation(bytes);
  if (!entry || entry.value === 1) return bytes;
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint16(entry.offset, 1, entry.littleEndian);
  return copy;
}

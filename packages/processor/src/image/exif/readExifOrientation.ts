const ORIENTATION_TAG = 0x0112;

export interface ExifOrientationEntry {
  /** Orientation 1–8. */
  readonly value: number;
  /** Byte offset of the SHORT value inside the block passed in. */
  readonly offset: number;
  readonly littleEndian: boolean;
}

/**
 * Finds the Orientation tag of IFD0 in an EXIF block (a TIFF structure, optionally preceded by the
 * `Exif\0\0` marker JPEG APP1 segments carry). `undefined` when absent or unreadable: a damaged EXIF
 * block does not make the image unreadable (PIL ignores it too).
 */
export function findExifOrientation(block: Uint8Array): ExifOrientationEntry | undefined {
  let start = 0;
  if (block.length >= 6 && block[0] === 0x45 && block[1] === 0x78 && block[2] === 0x69 && block[3] === 0x66 && block[4] === 0 && block[5] === 0) {
    start = 6;
  }
  if (block.length < start + 8) return undefined;
  const view = new DataView(block.buffer, block.byteOffset + start, block.byteLength - start);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > view.byteLength) return undefined;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > view.byteLength) return undefined;
    if (view.getUint16(e, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(e + 2, little) !== 3) return undefined;
    const value = view.getUint16(e + 8, little);
    return value >= 1 && value <= 8 ? { value, offset: start + e + 8, littleEndian: little } : undefined;
  }
  return undefined;
}

export function readExifOrientation(block: Uint8Array): number | undefined {
  return findExifOrientation(block)?.value;
}

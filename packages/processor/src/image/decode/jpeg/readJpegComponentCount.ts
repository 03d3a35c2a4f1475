/** Number of colour components in a JPEG's frame header (SOFn), or undefined when there is none before a scan. */
export function readJpegComponentCount(bytes: Uint8Array): number | undefined {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[pos + 9];
    pos += 2 + ((bytes[pos + 2] << 8) | bytes[pos + 3]);
  }
  return undefined;
}

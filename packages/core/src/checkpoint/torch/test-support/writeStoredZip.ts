// Test support only (not exported): builds torch-shaped zip archives so tests can craft and mutate checkpoints.

export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
}

/**
 * Writes a stored (uncompressed) zip the way torch's miniz writer does: data aligned to 64 bytes through an
 * 'FB' extra field, local headers without sizes (the central directory is authoritative), zip64 end records.
 */
export function writeStoredZip(entries: readonly ZipInput[], { zip64 = true, zip64Extra = false } = {}): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes);
    offset += bytes.length;
  };
  const central: Uint8Array[] = [];
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const headerOffset = offset;
    const unpadded = offset + 30 + name.length + 4;
    const padding = (64 - (unpadded % 64)) % 64;
    const local = new Uint8Array(30 + name.length + 4 + padding);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(6, 0x0808, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 4 + padding, true);
    local.set(name, 30);
    lv.setUint16(30 + name.length, 0x4246, true);
    lv.setUint16(32 + name.length, padding, true);
    local.fill(0x5a, 34 + name.length);
    push(local);
    push(entry.data);
    // zip64Extra: sizes and offset saturated in the fixed fields and carried by a 0x0001 extra, as for files > 4 GiB.
    const extraLength = zip64Extra ? 28 : 0;
    const record = new Uint8Array(46 + name.length + extraLength);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(8, 0x0808, true);
    cv.setUint32(20, zip64Extra ? 0xffffffff : entry.data.length, true);
    cv.setUint32(24, zip64Extra ? 0xffffffff : entry.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extraLength, true);
    cv.setUint32(42, zip64Extra ? 0xffffffff : headerOffset, true);
    record.set(name, 46);
    if (zip64Extra) {
      const at = 46 + name.length;
      cv.setUint16(at, 0x0001, true);
      cv.setUint16(at + 2, 24, true);
      cv.setBigUint64(at + 4, BigInt(entry.data.length), true);
      cv.setBigUint64(at + 12, BigInt(entry.data.length), true);
      cv.setBigUint64(at + 20, BigInt(headerOffset), true);
    }
    central.push(record);
  }
  const directoryOffset = offset;
  for (const record of central) push(record);
  const directorySize = offset - directoryOffset;
  if (zip64) {
    const zip64At = offset;
    const record = new Uint8Array(56);
    const rv = new DataView(record.buffer);
    rv.setUint32(0, 0x06064b50, true);
    rv.setBigUint64(4, 44n, true);
    rv.setBigUint64(24, BigInt(entries.length), true);
    rv.setBigUint64(32, BigInt(entries.length), true);
    rv.setBigUint64(40, BigInt(directorySize), true);
    rv.setBigUint64(48, BigInt(directoryOffset), true);
    push(record);
    const locator = new Uint8Array(20);
    const loc = new DataView(locator.buffer);
    loc.setUint32(0, 0x07064b50, true);
    loc.setBigUint64(8, BigInt(zip64At), true);
    loc.setUint32(16, 1, true);
    push(locator);
  }
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, directoryOffset, true);
  push(eocd);
  const out = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * zlib inflate through the Compression Streams API, which Node (>= 18) and every current browser provide:
 * one code path, no native addon, no bundled inflater. Output stops at `limit` bytes (the stream is
 * cancelled), so a small IDAT that inflates to gigabytes costs no more memory than the image it declares;
 * PIL's ZIP decoder likewise stops once the image is full.
 */
export async function inflate(data: Uint8Array, limit = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, limit - total);
    chunks.push(take === value.length ? value : value.subarray(0, take));
    total += take;
    if (total >= limit) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

import type { Tensor } from '../../tensor/Tensor.js';
import { SAFETENSORS_DTYPES, safetensorsDTypeOf } from './SafetensorsDType.js';

/**
 * Serialises tensors as safetensors: header padded with spaces to 8 bytes and
 * tensors ordered by element size (largest first) then name, as the reference
 * implementation does, so every tensor is naturally aligned in the file.
 */
export function writeSafetensors(tensors: ReadonlyMap<string, Tensor> | Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const map = tensors instanceof Map ? tensors : new Map(Object.entries(tensors));
  const items = [...map.entries()].map(([name, tensor]) => ({ name, tensor, dtype: safetensorsDTypeOf(tensor.dtype) }));
  items.sort((a, b) => SAFETENSORS_DTYPES[b.dtype].bytes - SAFETENSORS_DTYPES[a.dtype].bytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const { name, tensor, dtype } of items) {
    const length = tensor.data.byteLength;
    header[name] = { dtype, shape: [...tensor.dims], data_offsets: [offset, offset + length] };
    offset += length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.byteLength, 8 + padded);
  let cursor = 8 + padded;
  for (const { tensor } of items) {
    const data = tensor.data;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), cursor);
    cursor += data.byteLength;
  }
  return out;
}

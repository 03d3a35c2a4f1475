import { toFloat16Array } from '@altclip/core';
import { OnnxDataType } from '../proto/OnnxDataType.js';
import { int } from './Attribute.js';
import type { BuildContext } from './BuildContext.js';

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * Adds a float tensor produced by `data` and returns a compute-type value for it.
 * With `half` (and float32 compute) it is stored as float16 and widened by a Cast:
 * the file halves while the arithmetic stays float32 (the CPU and wasm providers
 * have no fast fp16 matmul). With float16 compute every float weight is float16.
 */
export function floatWeight(ctx: BuildContext, name: string, dims: readonly number[], data: () => Float32Array, half = false): string {
  const size = dims.reduce((a, b) => a * b, 1);
  const compute16 = ctx.g.floatType === OnnxDataType.FLOAT16;
  if (!half && !compute16) {
    ctx.g.initializer({ name, dataType: OnnxDataType.FLOAT, dims, byteLength: size * 4, bytes: () => bytesOf(data()) });
    return name;
  }
  ctx.g.initializer({ name, dataType: OnnxDataType.FLOAT16, dims, byteLength: size * 2, bytes: () => bytesOf(toFloat16Array(data())) });
  if (compute16) return name;
  return ctx.g.node('Cast', [name], { to: int(OnnxDataType.FLOAT) }, { prefix: `${name}/fp32` });
}

/** A raw initializer from already-encoded data (int8 weights, packed 4-bit tables, scales). */
export function rawWeight(ctx: BuildContext, name: string, dataType: OnnxDataType, dims: readonly number[], data: Int8Array | Uint8Array | Float32Array): string {
  ctx.g.initializer({ name, dataType, dims, byteLength: data.byteLength, bytes: () => bytesOf(data) });
  return name;
}

export function transpose2d(data: Float32Array, rows: number, cols: number, scale = 1): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[base + c] * scale;
  }
  return out;
}

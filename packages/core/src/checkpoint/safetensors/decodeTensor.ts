import { type DType, Tensor } from '../../tensor/Tensor.js';
import { SAFETENSORS_DTYPES, type SafetensorsDType } from './SafetensorsDType.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Wraps little-endian tensor bytes in the matching typed array. The bytes are
 * viewed in place when aligned (no copy); otherwise copied once.
 */
export function decodeTensor(dtype: SafetensorsDType, shape: readonly number[], bytes: Uint8Array): Tensor {
  const info = SAFETENSORS_DTYPES[dtype];
  if (!LITTLE_ENDIAN && info.bytes > 1) throw new Error('big-endian platforms are not supported');
  // Not bytes.slice(): on a Node Buffer (a Uint8Array subclass) slice is a view, still misaligned.
  const aligned = bytes.byteOffset % info.bytes === 0 ? bytes : copyBytes(bytes);
  const { buffer, byteOffset } = aligned;
  const n = aligned.byteLength / info.bytes;
  return new Tensor(info.dtype as DType, view(info.dtype, buffer as ArrayBuffer, byteOffset, n), shape);
}

function copyBytes(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

// biome-ignore lint/suspicious/noExplicitAny: the union of typed arrays is checked by Tensor's constructor.
function view(dtype: DType, buffer: ArrayBuffer, offset: number, n: number): any {
  switch (dtype) {
    case 'float64':
      return new Float64Array(buffer, offset, n);
    case 'float32':
      return new Float32Array(buffer, offset, n);
    case 'float16':
    case 'bfloat16':
      return new Uint16Array(buffer, offset, n);
    case 'int64':
      return new BigInt64Array(buffer, offset, n);
    case 'int32':
      return new Int32Array(buffer, offset, n);
    case 'int16':
      return new Int16Array(buffer, offset, n);
    case 'int8':
      return new Int8Array(buffer, offset, n);
    case 'uint8':
    case 'bool':
      return new Uint8Array(buffer, offset, n);
  }
}

import type { OnnxDataType } from '../proto/OnnxDataType.js';

/**
 * A constant tensor of the graph. Its bytes are produced on demand so that a
 * multi-gigabyte model can be streamed to an external-data file one tensor at a
 * time instead of holding a second (transposed, converted) copy of every weight.
 */
export interface Initializer {
  readonly name: string;
  readonly dataType: OnnxDataType;
  readonly dims: readonly number[];
  /** Byte length of the little-endian raw data. */
  readonly byteLength: number;
  bytes(): Uint8Array;
}

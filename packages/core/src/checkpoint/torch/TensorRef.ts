import { TorchCheckpointError } from './TorchCheckpointError.js';
import type { TorchStorageType } from './TorchStorageType.js';
import { PickleTuple, describePickleValue } from './PickleValue.js';

/** A storage named by a pickle's persistent id: its bytes live in another zip entry (or later in a legacy file). */
export class StorageRef {
  constructor(
    readonly key: string,
    readonly type: TorchStorageType,
    /** Element count declared by the pickle; checked against the entry size before anything is read. */
    readonly numel: number,
  ) {}

  get byteLength(): number {
    return this.numel * this.type.elementSize;
  }
}

/** torch's maximum tensor rank. */
const MAX_RANK = 64;

function nonNegativeInts(value: unknown, what: string, source: string): number[] {
  const items = value instanceof PickleTuple ? value.items : Array.isArray(value) ? value : undefined;
  if (items === undefined) throw new TorchCheckpointError(`${source}: tensor ${what} is not a tuple of integers`);
  if (items.length > MAX_RANK) throw new TorchCheckpointError(`${source}: tensor ${what} has ${items.length} dimensions (max ${MAX_RANK})`);
  for (const v of items) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new TorchCheckpointError(`${source}: tensor ${what} contains ${describePickleValue(v)}; expected non-negative integers`);
    }
  }
  return [...(items as number[])];
}

/**
 * A strided view of a storage (`_rebuild_tensor_v2`'s arguments), validated so that every element it
 * addresses lies inside the storage and it never holds more elements than the storage — an expanded
 * (stride-0) tensor could otherwise make a tiny file allocate without bound.
 */
export class TensorRef {
  readonly storage: StorageRef;
  readonly storageOffset: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
  readonly numel: number;

  constructor(storage: unknown, storageOffset: unknown, size: unknown, stride: unknown, source: string) {
    if (!(storage instanceof StorageRef)) throw new TorchCheckpointError(`${source}: tensor storage is not a persistent storage reference`);
    if (typeof storageOffset !== 'number' || !Number.isSafeInteger(storageOffset) || storageOffset < 0) {
      throw new TorchCheckpointError(`${source}: tensor storage_offset ${describePickleValue(storageOffset)} is not a non-negative integer`);
    }
    this.storage = storage;
    this.storageOffset = storageOffset;
    this.size = nonNegativeInts(size, 'size', source);
    this.stride = nonNegativeInts(stride, 'stride', source);
    if (this.size.length !== this.stride.length) {
      throw new TorchCheckpointError(`${source}: tensor size has ${this.size.length} dims but stride has ${this.stride.length}`);
    }
    // Early exit keeps the product finite: a huge shape must not overflow to Infinity and then to NaN.
    let numel = this.size.includes(0) ? 0 : 1;
    let lastIndex = storageOffset;
    for (let d = 0; d < this.size.length && numel > 0 && numel <= storage.numel; d++) {
      numel *= this.size[d];
      lastIndex += (this.size[d] - 1) * this.stride[d];
    }
    if (numel > storage.numel) {
      throw new TorchCheckpointError(
        `${source}: tensor of shape [${this.size.join(', ')}] has ${numel} elements but its storage '${storage.key}' holds ${storage.numel}`,
      );
    }
    if (numel > 0 && lastIndex >= storage.numel) {
      throw new TorchCheckpointError(
        `${source}: tensor [${this.size.join(', ')}] with strides [${this.stride.join(', ')}] at offset ${storageOffset} ` +
          `reaches element ${lastIndex} of storage '${storage.key}' (${storage.numel} elements)`,
      );
    }
    this.numel = numel;
  }

  /** Row-major contiguous (dims of size 1 may carry any stride, as torch's is_contiguous allows). */
  get isContiguous(): boolean {
    let expected = 1;
    for (let d = this.size.length - 1; d >= 0; d--) {
      if (this.size[d] !== 1 && this.stride[d] !== expected) return false;
      expected *= this.size[d];
    }
    return true;
  }
}

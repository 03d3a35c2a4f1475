import type { TextTowerInputs } from '@altclip/core';
import { TowerInputError } from '../errors/TowerInputError.js';
import { expectDims, formatDims } from '../inputs/expectDims.js';
import { indexArray } from '../inputs/indexArray.js';
import type { TextDims } from './TextDims.js';

export interface TextInputArrays {
  readonly batch: number;
  readonly seq: number;
  readonly inputIds: Int32Array;
  readonly positionIds: Int32Array;
  readonly tokenTypeIds: Int32Array;
  readonly additiveMask: Float32Array;
}

/** Validates the text tower inputs against the loaded config and converts them for tfjs. */
export function textInputArrays(inputs: TextTowerInputs, d: TextDims): TextInputArrays {
  const ids = inputs.inputIds;
  if (ids.dims.length !== 2 || ids.dims[0] < 1 || ids.dims[1] < 1) {
    throw new TowerInputError(`inputIds: expected a non-empty [batch, seq] tensor, got ${formatDims(ids.dims)}`);
  }
  const [batch, seq] = ids.dims;
  expectDims(inputs.positionIds, 'positionIds', ids.dims, 'same as inputIds');
  expectDims(inputs.tokenTypeIds, 'tokenTypeIds', ids.dims, 'same as inputIds');
  expectDims(inputs.additiveMask, 'additiveMask', ids.dims, 'same as inputIds');
  if (inputs.additiveMask.dtype !== 'float32') {
    throw new TowerInputError(`additiveMask: expected a float32 tensor, got ${inputs.additiveMask.dtype}`);
  }
  return {
    batch,
    seq,
    inputIds: indexArray(ids, 'inputIds', d.vocab, 'text_config.vocab_size'),
    positionIds: indexArray(inputs.positionIds, 'positionIds', d.maxPositions, 'text_config.max_position_embeddings'),
    tokenTypeIds: indexArray(inputs.tokenTypeIds, 'tokenTypeIds', d.typeVocab, 'text_config.type_vocab_size'),
    additiveMask: inputs.additiveMask.data as Float32Array,
  };
}

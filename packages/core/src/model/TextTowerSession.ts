import type { AltCLIPTextConfig } from '@altclip/config';
import type { TextTower, TextTowerOutput } from '../backend/AltCLIPBackend.js';
import { InputValidationError } from '../errors/InputValidationError.js';
import { createAdditiveMask } from '../semantics/additiveMask.js';
import { createPositionIds } from '../semantics/positionIds.js';
import { type IdTensor, type IdsLike, idAt, sameShape, toIdTensor } from '../semantics/tensorInputs.js';
import { Tensor } from '../tensor/Tensor.js';

export interface TextInputs {
  inputIds: IdsLike;
  attentionMask?: IdsLike;
  positionIds?: IdsLike;
  tokenTypeIds?: IdsLike;
  outputHiddenStates?: boolean;
  outputAttentions?: boolean;
}

/**
 * Core's half of the text tower: validates inputs the way HF/torch would fail,
 * derives position ids, token type ids and the additive mask, then asks the
 * backend's tower for the numbers.
 */
export class TextTowerSession {
  constructor(
    readonly config: AltCLIPTextConfig,
    readonly tower: TextTower,
  ) {}

  async run(inputs: TextInputs): Promise<TextTowerOutput> {
    const config = this.config;
    const inputIds = toIdTensor(inputs.inputIds, 'inputIds');
    const [batch, seq] = inputIds.dims;
    if (batch === 0 || seq === 0) throw new InputValidationError(`inputIds: expected at least one token in each of at least one sequence, got [${batch}, ${seq}]`);
    checkRange(inputIds, 'inputIds', config.vocab_size, 'vocab_size');
    const attentionMask = inputs.attentionMask === undefined ? undefined : this.#like(inputs.attentionMask, 'attentionMask', inputIds);
    const paddingIdx = config.pad_token_id ?? 1;
    let positionIds: IdTensor;
    if (inputs.positionIds === undefined) {
      positionIds = createPositionIds(inputIds, paddingIdx);
      const limit = config.max_position_embeddings;
      for (let i = 0; i < positionIds.size; i++) {
        if (idAt(positionIds, i) >= limit) {
          throw new InputValidationError(
            `inputIds: sequence ${Math.floor(i / seq)} has more than ${limit - paddingIdx - 1} non-padding tokens; AltCLIP's text model accepts at most max_position_embeddings − ${paddingIdx + 1} = ${limit - paddingIdx - 1} (torch: IndexError: index out of range in self)`,
          );
        }
      }
    } else {
      positionIds = this.#like(inputs.positionIds, 'positionIds', inputIds);
      checkRange(positionIds, 'positionIds', config.max_position_embeddings, 'max_position_embeddings');
    }
    let tokenTypeIds: IdTensor;
    if (inputs.tokenTypeIds === undefined) {
      tokenTypeIds = new Tensor('int64', new BigInt64Array(batch * seq), [batch, seq]);
    } else {
      tokenTypeIds = this.#like(inputs.tokenTypeIds, 'tokenTypeIds', inputIds);
      checkRange(tokenTypeIds, 'tokenTypeIds', config.type_vocab_size, 'type_vocab_size');
    }
    return this.tower.run(
      { inputIds, positionIds, tokenTypeIds, additiveMask: createAdditiveMask(attentionMask, batch, seq) },
      { outputHiddenStates: inputs.outputHiddenStates ?? false, outputAttentions: inputs.outputAttentions ?? false },
    );
  }

  #like(value: IdsLike, argument: string, inputIds: IdTensor): IdTensor {
    const t = toIdTensor(value, argument);
    if (!sameShape(t.dims, inputIds.dims)) {
      throw new InputValidationError(`${argument}: shape [${t.dims.join(', ')}] differs from inputIds [${inputIds.dims.join(', ')}]`);
    }
    return t;
  }

  dispose(): Promise<void> {
    return this.tower.dispose();
  }
}

function checkRange(t: IdTensor, argument: string, limit: number, field: string): void {
  for (let i = 0; i < t.size; i++) {
    const v = idAt(t, i);
    if (v < 0 || v >= limit) {
      const [, seq] = t.dims;
      throw new InputValidationError(
        `${argument}[${Math.floor(i / seq)}][${i % seq}] = ${v} is outside [0, ${limit}) (config ${field} = ${limit}; torch: IndexError: index out of range in self)`,
      );
    }
  }
}

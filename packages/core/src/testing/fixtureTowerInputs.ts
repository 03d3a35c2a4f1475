import type { TextTowerInputs, TowerWeights, VisionTowerInputs } from '../backend/AltCLIPBackend.js';
import { createAdditiveMask } from '../semantics/additiveMask.js';
import { createPositionIds } from '../semantics/positionIds.js';
import type { IdTensor } from '../semantics/tensorInputs.js';
import { Tensor } from '../tensor/Tensor.js';
import { towerWeights } from '../weights/matchStateDict.js';
import type { AltCLIPFixture } from './loadFixture.js';

export interface FixtureTowerInputs {
  readonly text: TextTowerInputs;
  readonly vision: VisionTowerInputs;
  readonly textWeights: TowerWeights;
  readonly visionWeights: TowerWeights;
}

/**
 * The fixture's model batch as the contract's tower inputs (position ids, token
 * type ids and additive mask computed by core), with the tower weight maps, so
 * a backend can unit-test a tower directly against `text_model/*` and
 * `vision_model/*` golden tensors without going through the model classes.
 */
export function fixtureTowerInputs(fixture: AltCLIPFixture): FixtureTowerInputs {
  const inputIds = fixture.expected.get('tokenizer/batch/input_ids') as IdTensor;
  const mask = fixture.expected.get('tokenizer/batch/attention_mask') as IdTensor;
  const [batch, seq] = inputIds.dims;
  return {
    text: {
      inputIds,
      positionIds: createPositionIds(inputIds, fixture.config.text_config.pad_token_id ?? 1),
      tokenTypeIds: new Tensor('int64', new BigInt64Array(batch * seq), [batch, seq]),
      additiveMask: createAdditiveMask(mask, batch, seq),
    },
    vision: { pixelValues: fixture.expected.get('image/pixel_values_batch') as Tensor<'float32'> },
    textWeights: towerWeights(fixture.weights, 'text'),
    visionWeights: towerWeights(fixture.weights, 'vision'),
  };
}

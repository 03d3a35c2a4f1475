import type { Tensor } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { toCoreTensor } from './toCoreTensor.js';

/** What either tower's forward returns, still as tfjs tensors. */
export type TfTowerResult = {
  lastHiddenState: tf.Tensor;
  poolerOutput: tf.Tensor;
  embeds?: tf.Tensor;
  hiddenStates?: tf.Tensor[];
  attentions?: tf.Tensor[];
};

export interface CoreTowerOutput {
  lastHiddenState: Tensor<'float32'>;
  poolerOutput: Tensor<'float32'>;
  embeds?: Tensor<'float32'>;
  hiddenStates?: Tensor<'float32'>[];
  attentions?: Tensor<'float32'>[];
}

/**
 * Reads a forward's tensors out into core Tensors and then frees them, also when
 * reading fails, so that a forward never leaves tensors behind in the engine.
 * Optional outputs are omitted (not set to undefined) when not computed.
 */
export async function readTowerOutput(result: TfTowerResult): Promise<CoreTowerOutput> {
  try {
    const output: CoreTowerOutput = {
      lastHiddenState: await toCoreTensor(result.lastHiddenState),
      poolerOutput: await toCoreTensor(result.poolerOutput),
    };
    if (result.embeds) output.embeds = await toCoreTensor(result.embeds);
    if (result.hiddenStates) output.hiddenStates = await Promise.all(result.hiddenStates.map(toCoreTensor));
    if (result.attentions) output.attentions = await Promise.all(result.attentions.map(toCoreTensor));
    return output;
  } finally {
    tf.dispose([result.lastHiddenState, result.poolerOutput, result.embeds ?? [], result.hiddenStates ?? [], result.attentions ?? []]);
  }
}

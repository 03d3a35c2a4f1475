import type { Tensor, TextTower, TextTowerInputs, TextTowerOutput, TowerRunOptions } from '@altclip/core';
import { TEXT_INPUTS, TEXT_OUTPUTS } from '../graph/towerNames.js';
import type { OrtModule, OrtTensor } from './OrtModule.js';
import type { SessionPair } from './SessionPair.js';
import { collectLayerOutputs } from './collectLayerOutputs.js';
import { OnnxTensorError, firstToken, float32Tensor, fromOrtFloat32, int64Tensor } from './tensorConversion.js';

/** 1 where the additive mask is 0 (attended), for external models that take `attention_mask`. */
function binaryMask(ort: OrtModule, additive: Tensor): OrtTensor {
  const data = additive.data as Float32Array;
  return new ort.Tensor('int64', BigInt64Array.from(data, (v) => (v === 0 ? 1n : 0n)), additive.dims);
}

export class OnnxTextTower implements TextTower {
  private readonly ort: OrtModule;
  private readonly sessions: SessionPair;
  private readonly layers: number;

  constructor(ort: OrtModule, sessions: SessionPair, layers: number) {
    this.ort = ort;
    this.sessions = sessions;
    this.layers = layers;
  }

  async run(inputs: TextTowerInputs, options: TowerRunOptions = {}): Promise<TextTowerOutput> {
    const all = Boolean(options.outputHiddenStates || options.outputAttentions);
    const session = await this.sessions.session(all);
    const feeds: Record<string, OrtTensor> = {};
    for (const name of session.inputNames) {
      switch (name) {
        case TEXT_INPUTS.inputIds:
          feeds[name] = int64Tensor(this.ort, inputs.inputIds, 'inputIds');
          break;
        case TEXT_INPUTS.positionIds:
          feeds[name] = int64Tensor(this.ort, inputs.positionIds, 'positionIds');
          break;
        case TEXT_INPUTS.tokenTypeIds:
          feeds[name] = int64Tensor(this.ort, inputs.tokenTypeIds, 'tokenTypeIds');
          break;
        case TEXT_INPUTS.additiveMask:
          feeds[name] = float32Tensor(this.ort, inputs.additiveMask, 'additiveMask');
          break;
        case TEXT_INPUTS.attentionMask:
          feeds[name] = binaryMask(this.ort, inputs.additiveMask);
          break;
        default:
          throw new OnnxTensorError(
            `text ONNX model input "${name}" is unknown; expected some of ${Object.values(TEXT_INPUTS).join(', ')}`,
          );
      }
    }
    const results = await this.sessions.queue.run(() => session.run(feeds));
    const lastHiddenState = fromOrtFloat32(results[TEXT_OUTPUTS.lastHiddenState], TEXT_OUTPUTS.lastHiddenState);
    const pooled = results[TEXT_OUTPUTS.poolerOutput];
    const output: TextTowerOutput = {
      lastHiddenState,
      poolerOutput: pooled ? fromOrtFloat32(pooled, TEXT_OUTPUTS.poolerOutput) : firstToken(lastHiddenState),
    };
    if (results[TEXT_OUTPUTS.embeds]) output.embeds = fromOrtFloat32(results[TEXT_OUTPUTS.embeds], TEXT_OUTPUTS.embeds);
    if (options.outputHiddenStates) output.hiddenStates = collectLayerOutputs(results, TEXT_OUTPUTS.hiddenStatePrefix, this.layers + 1, 'hidden states');
    if (options.outputAttentions) output.attentions = collectLayerOutputs(results, TEXT_OUTPUTS.attentionPrefix, this.layers, 'attentions');
    return output;
  }

  dispose(): Promise<void> {
    return this.sessions.dispose();
  }
}

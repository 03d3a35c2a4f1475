import type { Tensor, TowerRunOptions, VisionTower, VisionTowerInputs, VisionTowerOutput } from '@altclip/core';
import { VISION_INPUTS, VISION_OUTPUTS } from '../graph/towerNames.js';
import type { OrtModule, OrtTensor } from './OrtModule.js';
import type { SessionPair } from './SessionPair.js';
import { collectLayerOutputs } from './collectLayerOutputs.js';
import { OnnxTensorError, float32Tensor, fromOrtFloat32 } from './tensorConversion.js';

export class OnnxVisionTower implements VisionTower {
  private readonly ort: OrtModule;
  private readonly sessions: SessionPair;
  private readonly layers: number;
  /** The checkpoint's position table, fed when core did not interpolate one. */
  private readonly positionEmbedding?: Tensor;

  constructor(ort: OrtModule, sessions: SessionPair, layers: number, positionEmbedding?: Tensor) {
    this.ort = ort;
    this.sessions = sessions;
    this.layers = layers;
    this.positionEmbedding = positionEmbedding;
  }

  async run(inputs: VisionTowerInputs, options: TowerRunOptions = {}): Promise<VisionTowerOutput> {
    const all = Boolean(options.outputHiddenStates || options.outputAttentions);
    const session = await this.sessions.session(all);
    const feeds: Record<string, OrtTensor> = {};
    for (const name of session.inputNames) {
      if (name === VISION_INPUTS.pixelValues) {
        feeds[name] = float32Tensor(this.ort, inputs.pixelValues, 'pixelValues');
      } else if (name === VISION_INPUTS.positionEmbedding) {
        const table = inputs.positionEmbedding ?? this.positionEmbedding;
        if (!table) throw new OnnxTensorError('positionEmbedding: the vision model needs a position table and the weights had none');
        feeds[name] = float32Tensor(this.ort, table, 'positionEmbedding');
      } else {
        throw new OnnxTensorError(`vision ONNX model input "${name}" is unknown; expected ${Object.values(VISION_INPUTS).join(' and/or ')}`);
      }
    }
    if (inputs.positionEmbedding && !(VISION_INPUTS.positionEmbedding in feeds)) {
      throw new OnnxTensorError('positionEmbedding: this vision ONNX model has no "position_embedding" input, so it cannot take an interpolated table');
    }
    const results = await this.sessions.queue.run(() => session.run(feeds));
    const output: VisionTowerOutput = {
      lastHiddenState: fromOrtFloat32(results[VISION_OUTPUTS.lastHiddenState], VISION_OUTPUTS.lastHiddenState),
      poolerOutput: fromOrtFloat32(results[VISION_OUTPUTS.poolerOutput], VISION_OUTPUTS.poolerOutput),
    };
    if (results[VISION_OUTPUTS.embeds]) output.embeds = fromOrtFloat32(results[VISION_OUTPUTS.embeds], VISION_OUTPUTS.embeds);
    if (options.outputHiddenStates) output.hiddenStates = collectLayerOutputs(results, VISION_OUTPUTS.hiddenStatePrefix, this.layers + 1, 'hidden states');
    if (options.outputAttentions) output.attentions = collectLayerOutputs(results, VISION_OUTPUTS.attentionPrefix, this.layers, 'attentions');
    return output;
  }

  dispose(): Promise<void> {
    return this.sessions.dispose();
  }
}

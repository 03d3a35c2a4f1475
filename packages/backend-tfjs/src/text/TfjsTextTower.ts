import type { AltCLIPTextConfig } from '@altclip/config';
import type { TextTower, TextTowerInputs, TextTowerOutput, TowerRunOptions, TowerWeights } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { TowerDisposedError } from '../errors/TowerDisposedError.js';
import { halfPrecisionMask } from '../inputs/halfPrecisionMask.js';
import { type Activation, activation } from '../ops/activation.js';
import { embeddingIndices } from '../ops/EmbeddingTable.js';
import { readTowerOutput } from '../output/readTowerOutput.js';
import { ensureActiveRuntime } from '../runtime/ensureActiveRuntime.js';
import type { TfjsRuntimeInfo } from '../runtime/TfjsRuntimeInfo.js';
import { WeightReader } from '../weights/WeightReader.js';
import { type TextDims, readTextDims } from './TextDims.js';
import { textForward } from './textForward.js';
import { textInputArrays } from './textInputArrays.js';
import { loadTextWeights, type TextWeights } from './TextWeights.js';

export class TfjsTextTower implements TextTower {
  private disposed = false;

  private constructor(
    private readonly runtime: TfjsRuntimeInfo,
    private readonly dims: TextDims,
    private readonly act: Activation,
    private readonly weights: TextWeights,
    private readonly reader: WeightReader,
    private readonly onDispose?: () => void,
  ) {}

  /** Validates config and weights and moves the weights into tfjs, all before returning. */
  static async load(runtime: TfjsRuntimeInfo, config: AltCLIPTextConfig, weights: TowerWeights, onDispose?: () => void): Promise<TfjsTextTower> {
    const dims = readTextDims(config);
    const act = activation(dims.act, 'text_config');
    await ensureActiveRuntime(runtime.name);
    const reader = new WeightReader(weights, 'text tower');
    try {
      return new TfjsTextTower(runtime, dims, act, loadTextWeights(reader, dims, runtime.precision === 'float16'), reader, onDispose);
    } catch (error) {
      reader.dispose();
      throw error;
    }
  }

  async run(inputs: TextTowerInputs, options: TowerRunOptions = {}): Promise<TextTowerOutput> {
    if (this.disposed) throw new TowerDisposedError('text tower: run() after dispose()');
    const a = textInputArrays(inputs, this.dims);
    await ensureActiveRuntime(this.runtime.name);
    const half = this.runtime.precision === 'float16';
    const out = tf.tidy(() =>
      textForward(
        this.weights,
        this.dims.heads,
        this.act,
        {
          wordEmbeddings: tf.tensor3d(this.weights.wordEmbeddings.lookup(a.inputIds), [a.batch, a.seq, this.dims.hidden], 'float32'),
          positionIds: embeddingIndices(a.positionIds, a.batch, a.seq, this.weights.positionEmbeddings.blocked),
          tokenTypeIds: embeddingIndices(a.tokenTypeIds, a.batch, a.seq, this.weights.tokenTypeEmbeddings.blocked),
          additiveMask: tf.tensor4d(half ? halfPrecisionMask(a.additiveMask) : a.additiveMask, [a.batch, 1, 1, a.seq], 'float32'),
        },
        { hiddenStates: options.outputHiddenStates === true, attentions: options.outputAttentions === true },
      ),
    );
    return readTowerOutput(out);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.reader.dispose();
    this.onDispose?.();
  }
}

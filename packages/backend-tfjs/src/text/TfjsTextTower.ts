import type { AltCLIPTextConfig } from '@altclip/config';
import type { TextTower, TextTowerInputs, TextTowerOutput, TowerRunOptions, TowerWeights } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { TowerDisposedError } from '../errors/TowerDisposedError.js';
import { type Activation, activation } from '../ops/activation.js';
import { readTowerOutput } from '../output/readTowerOutput.js';
import { ensureActiveRuntime } from '../runtime/ensureActiveRuntime.js';
import type { TfjsRuntimeName } from '../runtime/TfjsRuntimeName.js';
import { WeightReader } from '../weights/WeightReader.js';
import { type TextDims, readTextDims } from './TextDims.js';
import { textForward } from './textForward.js';
import { textInputArrays } from './textInputArrays.js';
import { loadTextWeights, type TextWeights } from './TextWeights.js';

export class TfjsTextTower implements TextTower {
  private disposed = false;

  private constructor(
    private readonly runtime: TfjsRuntimeName,
    private readonly dims: TextDims,
    private readonly act: Activation,
    private readonly weights: TextWeights,
    private readonly reader: WeightReader,
  ) {}

  /** Validates config and weights and moves the weights into tfjs, all before returning. */
  static async load(runtime: TfjsRuntimeName, config: AltCLIPTextConfig, weights: TowerWeights): Promise<TfjsTextTower> {
    const dims = readTextDims(config);
    const act = activation(dims.act, 'text_config');
    await ensureActiveRuntime(runtime);
    const reader = new WeightReader(weights, 'text tower');
    try {
      return new TfjsTextTower(runtime, dims, act, loadTextWeights(reader, dims), reader);
    } catch (error) {
      reader.dispose();
      throw error;
    }
  }

  async run(inputs: TextTowerInputs, options: TowerRunOptions = {}): Promise<TextTowerOutput> {
    if (this.disposed) throw new TowerDisposedError('text tower: run() after dispose()');
    const a = textInputArrays(inputs, this.dims);
    await ensureActiveRuntime(this.runtime);
    const out = tf.tidy(() =>
      textForward(
        this.weights,
        this.dims.heads,
        this.act,
        {
          inputIds: tf.tensor2d(a.inputIds, [a.batch, a.seq], 'int32'),
          positionIds: tf.tensor2d(a.positionIds, [a.batch, a.seq], 'int32'),
          tokenTypeIds: tf.tensor2d(a.tokenTypeIds, [a.batch, a.seq], 'int32'),
          additiveMask: tf.tensor4d(a.additiveMask, [a.batch, 1, 1, a.seq], 'float32'),
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
  }
}

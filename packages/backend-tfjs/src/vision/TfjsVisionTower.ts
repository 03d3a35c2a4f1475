import type { AltCLIPVisionConfig } from '@altclip/config';
import type { TowerRunOptions, TowerWeights, VisionTower, VisionTowerInputs, VisionTowerOutput } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { TowerDisposedError } from '../errors/TowerDisposedError.js';
import { type Activation, activation } from '../ops/activation.js';
import { readTowerOutput } from '../output/readTowerOutput.js';
import { ensureActiveRuntime } from '../runtime/ensureActiveRuntime.js';
import type { TfjsRuntimeInfo } from '../runtime/TfjsRuntimeInfo.js';
import { WeightReader } from '../weights/WeightReader.js';
import { readVisionDims, type VisionDims } from './VisionDims.js';
import { visionForward } from './visionForward.js';
import { visionInputArrays } from './visionInputArrays.js';
import { loadVisionWeights, type VisionWeights } from './VisionWeights.js';

export class TfjsVisionTower implements VisionTower {
  private disposed = false;

  private constructor(
    private readonly runtime: TfjsRuntimeInfo,
    private readonly dims: VisionDims,
    private readonly act: Activation,
    private readonly weights: VisionWeights,
    private readonly reader: WeightReader,
    private readonly onDispose?: () => void,
  ) {}

  /** Validates config and weights and moves the weights into tfjs, all before returning. */
  static async load(runtime: TfjsRuntimeInfo, config: AltCLIPVisionConfig, weights: TowerWeights, onDispose?: () => void): Promise<TfjsVisionTower> {
    const dims = readVisionDims(config);
    const act = activation(dims.act, 'vision_config');
    await ensureActiveRuntime(runtime.name);
    const reader = new WeightReader(weights, 'vision tower');
    try {
      return new TfjsVisionTower(runtime, dims, act, loadVisionWeights(reader, dims), reader, onDispose);
    } catch (error) {
      reader.dispose();
      throw error;
    }
  }

  async run(inputs: VisionTowerInputs, options: TowerRunOptions = {}): Promise<VisionTowerOutput> {
    if (this.disposed) throw new TowerDisposedError('vision tower: run() after dispose()');
    const a = visionInputArrays(inputs, this.dims);
    await ensureActiveRuntime(this.runtime.name);
    const out = tf.tidy(() =>
      visionForward(
        this.weights,
        this.dims.heads,
        this.act,
        tf.tensor4d(a.pixels, a.dims, 'float32'),
        a.positionEmbedding ? tf.tensor2d(a.positionEmbedding, [a.positions, this.dims.hidden], 'float32') : this.weights.positionEmbedding,
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

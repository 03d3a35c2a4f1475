import type { AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import { type AltCLIPBackend, BACKEND_SPECIFICATION_VERSION, type BackendCapabilities, type TextTower, type TowerWeights, type VisionTower } from '../../backend/AltCLIPBackend.js';
import { type LinearOp, linear } from './ops.js';
import { ReferenceTextTower } from './ReferenceTextTower.js';
import { ReferenceVisionTower } from './ReferenceVisionTower.js';

/** Hooks through which the int8 error model perturbs the reference; the plain reference uses neither. */
export interface ReferenceBackendOptions {
  /** Replaces every nn.Linear (including the projections). */
  readonly linear?: LinearOp;
  /** Applied to each tower's weights before the tower reads them. */
  readonly weights?: (weights: TowerWeights) => TowerWeights;
}

/**
 * A plain-TypeScript float64 backend made for testing: slow and obvious, a
 * second implementation independent of any runtime, used to prove core's
 * semantics against the fixture before a real backend exists.
 */
export class ReferenceBackend implements AltCLIPBackend {
  readonly specificationVersion = BACKEND_SPECIFICATION_VERSION;
  readonly name = 'reference';
  readonly capabilities: BackendCapabilities = {
    dtypes: ['fp32'],
    precision: 'float64',
    hiddenStates: true,
    attentions: true,
    environments: ['node', 'browser', 'worker'],
  };

  constructor(private readonly options: ReferenceBackendOptions = {}) {}

  async loadTextTower(config: AltCLIPTextConfig, weights: TowerWeights): Promise<TextTower> {
    return new ReferenceTextTower(config, this.options.weights?.(weights) ?? weights, this.options.linear ?? linear);
  }

  async loadVisionTower(config: AltCLIPVisionConfig, weights: TowerWeights): Promise<VisionTower> {
    return new ReferenceVisionTower(config, this.options.weights?.(weights) ?? weights, this.options.linear ?? linear);
  }
}

export function createReferenceBackend(options?: ReferenceBackendOptions): ReferenceBackend {
  return new ReferenceBackend(options);
}

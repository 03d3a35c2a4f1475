import type { AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import { type AltCLIPBackend, BACKEND_SPECIFICATION_VERSION, type BackendCapabilities, type TextTower, type TowerWeights, type VisionTower } from '../../backend/AltCLIPBackend.js';
import { ReferenceTextTower } from './ReferenceTextTower.js';
import { ReferenceVisionTower } from './ReferenceVisionTower.js';

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

  async loadTextTower(config: AltCLIPTextConfig, weights: TowerWeights): Promise<TextTower> {
    return new ReferenceTextTower(config, weights);
  }

  async loadVisionTower(config: AltCLIPVisionConfig, weights: TowerWeights): Promise<VisionTower> {
    return new ReferenceVisionTower(config, weights);
  }
}

export function createReferenceBackend(): ReferenceBackend {
  return new ReferenceBackend();
}

import { WebGPUBackendInputError } from '../errors/WebGPUBackendInputError.js';
import { type Activation, activationFromHiddenAct, SUPPORTED_HIDDEN_ACTS } from '../kernels/activation/Activation.js';

interface TowerShape {
  hidden_act: string;
  hidden_size: number;
  num_attention_heads: number;
}

/**
 * The config checks both towers share, before any upload: the activation must have a kernel, and the
 * head size must be a multiple of 4 because the attention kernel keeps q and its output in vec4 registers.
 */
export function towerActivation(tower: 'text' | 'vision', config: TowerShape): Activation {
  const activation = activationFromHiddenAct(config.hidden_act);
  if (!activation) {
    throw new WebGPUBackendInputError(`${tower} config hidden_act "${config.hidden_act}" is not supported; expected one of ${SUPPORTED_HIDDEN_ACTS.join(', ')}`);
  }
  if (config.hidden_size % (4 * config.num_attention_heads) !== 0) {
    throw new WebGPUBackendInputError(
      `${tower} config hidden_size ${config.hidden_size} / num_attention_heads ${config.num_attention_heads} must be a whole multiple of 4 (the head size)`,
    );
  }
  return activation;
}

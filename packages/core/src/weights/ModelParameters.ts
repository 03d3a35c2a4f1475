import type { AltCLIPConfig, AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import type { ModelKind } from './matchStateDict.js';
import { modelParameterSpecs, type ParameterSpec, type SpecOptions, textParameterSpecs, visionParameterSpecs } from './ParameterSpec.js';

/** A stack of identical encoder layers: state_dict names `${prefix}${index}.…`, its length set by `field`. */
export interface LayerStack {
  readonly prefix: string;
  /** Dotted config field, e.g. `text_config.num_hidden_layers`. */
  readonly field: string;
  readonly count: number;
}

/**
 * What a config implies about a model's parameters, without listing them: `specs({ layers: 1 })` stays small
 * however many layers the config declares, so shapes can be checked and sizes estimated before anything is
 * allocated (a config.json with `num_hidden_layers: 1e6` must not build sixteen million specs first).
 */
export interface ModelParameters {
  readonly modelClass: string;
  readonly kind: ModelKind;
  readonly stacks: readonly LayerStack[];
  specs(options?: SpecOptions): ParameterSpec[];
}

export function altclipParameters(config: AltCLIPConfig): ModelParameters {
  return {
    modelClass: 'AltCLIPModel',
    kind: 'full',
    stacks: [
      { prefix: 'text_model.roberta.encoder.layer.', field: 'text_config.num_hidden_layers', count: config.text_config.num_hidden_layers },
      { prefix: 'vision_model.encoder.layers.', field: 'vision_config.num_hidden_layers', count: config.vision_config.num_hidden_layers },
    ],
    specs: (options) => modelParameterSpecs(config, options),
  };
}

export function textParameters(config: AltCLIPTextConfig): ModelParameters {
  return {
    modelClass: 'AltCLIPTextModel',
    kind: 'text',
    stacks: [{ prefix: 'roberta.encoder.layer.', field: 'num_hidden_layers', count: config.num_hidden_layers }],
    specs: (options) => textParameterSpecs(config, options),
  };
}

export function visionParameters(config: AltCLIPVisionConfig): ModelParameters {
  return {
    modelClass: 'AltCLIPVisionModel',
    kind: 'vision',
    stacks: [{ prefix: 'vision_model.encoder.layers.', field: 'num_hidden_layers', count: config.num_hidden_layers }],
    specs: (options) => visionParameterSpecs(config, config.initializer_factor, options),
  };
}

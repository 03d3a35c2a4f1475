export { AltCLIPConfig, ALTCLIP_SCHEMA, type AltCLIPConfigInit } from './AltCLIPConfig.js';
export {
  AltCLIPTextConfig,
  ALTCLIP_TEXT_SCHEMA,
  type AltCLIPTextConfigFields,
  type AltCLIPTextConfigInit,
} from './AltCLIPTextConfig.js';
export {
  AltCLIPVisionConfig,
  ALTCLIP_VISION_SCHEMA,
  type AltCLIPVisionConfigFields,
  type AltCLIPVisionConfigInit,
} from './AltCLIPVisionConfig.js';
export { PretrainedConfig, TRANSFORMERS_VERSION, type ConfigClass, type ConfigFromPretrainedOptions, type ConfigOptions } from './PretrainedConfig.js';
export type { ConfigDict, ConfigSchema, FieldKind, FieldSpec } from './ConfigSchema.js';
export { ConfigValidationError, type ConfigProblem } from './ConfigValidationError.js';
export { ConfigJsonSyntaxError } from './ConfigJsonSyntaxError.js';
export { ConfigFileError } from './ConfigFileError.js';
export { HF_ACTIVATION_NAMES, type HFActivationName, isHFActivationName } from './activations.js';
export { BAAI_ALTCLIP_CONFIG } from './baaiAltCLIPConfig.js';
export { CONFIG_NAME, type ConfigSource } from './readConfigJson.js';
export { parseConfigJson } from './parseConfigJson.js';

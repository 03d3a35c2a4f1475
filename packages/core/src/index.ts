// Tensors and the backend contract (v1)
export { asTensor, Tensor, TensorShapeError } from './tensor/Tensor.js';
export type { DType, DataTypeMap, TensorData, TensorLike } from './tensor/Tensor.js';
export { bfloat16ToNumber, float16ToNumber, toFloat32 } from './tensor/toFloat32.js';
export { float32ToFloat16Bits, fromBfloat16Array, fromFloat16Array, toFloat16Array } from './tensor/float16.js';
export { BACKEND_SPECIFICATION_VERSION } from './backend/AltCLIPBackend.js';
export type { Int8Scheme } from './backend/Int8Scheme.js';
export type { TowerArtifact } from './backend/TowerArtifact.js';
export type {
  AltCLIPBackend,
  BackendCapabilities,
  BackendEnvironment,
  TextTower,
  TextTowerInputs,
  TextTowerOutput,
  TowerLoadOptions,
  TowerRunOptions,
  TowerWeights,
  VisionTower,
  VisionTowerInputs,
  VisionTowerOutput,
  WeightDType,
} from './backend/AltCLIPBackend.js';

// Backend registry (nothing registers itself)
export { BackendRegistry, BackendResolutionError, type BackendFactory, defaultRegistry, registerBackend, resolveBackend } from './registry/BackendRegistry.js';

// Models
export { AltCLIPModel, type AltCLIPForwardInputs, type ImageFeatureInputs, type TextFeatureInputs } from './model/AltCLIPModel.js';
export { AltCLIPTextModel } from './model/AltCLIPTextModel.js';
export { AltCLIPVisionModel } from './model/AltCLIPVisionModel.js';
export type { TextInputs } from './model/TextTowerSession.js';
export type { VisionInputs } from './model/VisionTowerSession.js';
export type { AltCLIPOutput, AltCLIPTextModelOutput, AltCLIPVisionModelOutput } from './model/outputs.js';
export type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions, ModelOptions } from './model/ModelOptions.js';
export { InputValidationError } from './errors/InputValidationError.js';

// Semantics shared by every backend
export { createPositionIds } from './semantics/positionIds.js';
export { FLOAT32_MIN, createAdditiveMask } from './semantics/additiveMask.js';
export { l2Normalize } from './semantics/l2Normalize.js';
export { similarityLogits } from './semantics/similarityLogits.js';
export { contrastiveLoss } from './semantics/contrastiveLoss.js';
export { bicubicResize } from './semantics/bicubicResize.js';
export { interpolatePositionEmbedding } from './semantics/interpolatePositionEmbedding.js';
export { type IdTensor, type IdsLike, toIdTensor } from './semantics/tensorInputs.js';

// Checkpoints and weights
export { type ByteSource, ByteRangeError, MemoryByteSource, bytesSource } from './io/index.js';
export {
  MAX_HEADER_BYTES,
  SAFETENSORS_DTYPES,
  SafetensorsError,
  SafetensorsFile,
  openSafetensors,
  parseSafetensorsHeader,
  parseSafetensorsIndex,
  readSafetensors,
  readShardedSafetensors,
  writeSafetensors,
} from './checkpoint/safetensors/index.js';
export type { SafetensorsDType, SafetensorsEntry, SafetensorsHeader, SafetensorsIndex } from './checkpoint/safetensors/index.js';
export { CheckpointError } from './weights/CheckpointError.js';
export { type LoadReport, loadReportWarnings } from './weights/LoadReport.js';
export { type ParameterSpec, modelParameterSpecs, textParameterSpecs, visionParameterSpecs } from './weights/ParameterSpec.js';
export { initializeParameters } from './weights/initializeParameters.js';
export { matchStateDict, remapCheckpointKeys, towerWeights } from './weights/matchStateDict.js';
export { SeededNormal } from './random/SeededNormal.js';

// Model files (local directory, Hub, memory)
export { type LoadProgress, type ModelFiles, type ResolveOptions, readFileBytes } from './loading/ModelFiles.js';
export { type ModelSource, resolveModelFiles } from './loading/resolveModelFiles.js';
export { memoryFiles } from './loading/memoryFiles.js';
export { loadCheckpoint } from './loading/loadCheckpoint.js';
export { UrlFileError, urlFiles, type UrlFilesOptions } from './loading/urlFiles.js';

// Exported folders (altclip export): manifest, extras, what a backend gets per tower
export { EXPORT_EXTRAS_FILE, EXPORT_MANIFEST_FILE, EXPORT_MANIFEST_VERSION, type ExportManifest, type ExportedFileEntry, type ExportedTowerEntry, parseExportManifest } from './exported/ExportManifest.js';
export { ExportedModelError } from './exported/ExportedModelError.js';
export { type ExportedModel, openExportedModel } from './exported/openExportedModel.js';

// pytorch_model.bin (restricted unpickler; never executes anything)
export {
  PickleFormatError,
  TorchCheckpointError,
  UnsafePickleGlobalError,
  UnsupportedTorchCheckpointError,
  ZipFormatError,
  readTorchCheckpoint,
} from './checkpoint/torch/index.js';

// Hub client (huggingface_hub's cache layout on Node; fetch + Cache API in browsers)
export * from './hub/index.js';

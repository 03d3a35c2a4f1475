// Tensors and the backend contract (v1)
export { asTensor, Tensor, TensorShapeError } from './tensor/Tensor.js';
export type { DType, DataTypeMap, SoftmaxDType, TensorData, TensorLike } from './tensor/Tensor.js';
export { TensorOpError } from './tensor/ops/TensorOpError.js';
export type { NestedList } from './tensor/ops/tolist.js';
export { cosineSimilarity } from './tensor/cosineSimilarity.js';
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
export {
  AltCLIPModel,
  type AltCLIPForwardInputs,
  type AltCLIPModelFromConfigOptions,
  type AltCLIPModelFromPretrainedOptions,
  type AltCLIPModelFromWeightsOptions,
  type ImageEncoding,
  type ImageFeatureInputs,
  type TextEncoding,
  type TextFeatureInputs,
} from './model/AltCLIPModel.js';
export type { TowerName, TowerOptions } from './model/TowerSelection.js';
export { TowerNotLoadedError } from './errors/TowerNotLoadedError.js';
export { AltCLIPTextModel } from './model/AltCLIPTextModel.js';
export { AltCLIPVisionModel } from './model/AltCLIPVisionModel.js';
export type { TextInputs } from './model/TextTowerSession.js';
export type { VisionInputs } from './model/VisionTowerSession.js';
export type { AltCLIPOutput, AltCLIPTextModelOutput, AltCLIPVisionModelOutput } from './model/outputs.js';
export type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions, ModelOptions } from './model/ModelOptions.js';
export { InputValidationError } from './errors/InputValidationError.js';
export { ModelDisposedError } from './errors/ModelDisposedError.js';

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
export { type ByteSource, ByteRangeError, MemoryByteSource, NotAFileError, bytesSource } from '@altclip/hub';
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
export { type ConfigCheckpointProblem, ConfigCheckpointMismatchError } from './weights/ConfigCheckpointMismatchError.js';
export { ModelSizeError } from './weights/ModelSizeError.js';
export { DEFAULT_MAX_PARAMETER_BYTES, MAX_PARAMETER_TENSORS } from './weights/parameterBudget.js';
export { type CheckpointCheckOptions, checkConfigAgainstCheckpoint } from './weights/checkConfigAgainstCheckpoint.js';
export { type LayerStack, type ModelParameters, altclipParameters, textParameters, visionParameters } from './weights/ModelParameters.js';
export { type LoadReport, loadReportWarnings } from './weights/LoadReport.js';
export { type ParameterSpec, type SpecOptions, modelParameterSpecs, textParameterSpecs, visionParameterSpecs } from './weights/ParameterSpec.js';
export { initializeParameters } from './weights/initializeParameters.js';
export { matchStateDict, remapCheckpointKeys, towerWeights } from './weights/matchStateDict.js';
export { SeededNormal } from './random/SeededNormal.js';

// Model files (local directory, Hub, memory)
// (moved to @altclip/hub so that config and processor share them without depending on core; re-exported unchanged)
export { type LoadProgress, type ModelFiles, type ModelSource, type ResolveOptions, memoryFiles, readFileBytes, resolveModelFiles, UrlFileError, urlFiles, type UrlFilesOptions } from '@altclip/hub';
export { type LoadCheckpointOptions, loadCheckpoint } from './loading/loadCheckpoint.js';

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
  type ReadTorchCheckpointOptions,
  readTorchCheckpoint,
  readTorchCheckpointShapes,
} from './checkpoint/torch/index.js';

// Hub client (huggingface_hub's cache layout on Node; fetch + Cache API in browsers), now in @altclip/hub
export {
  BlobByteSource,
  COMMIT_HASH,
  ChecksumMismatchError,
  DEFAULT_ENDPOINT,
  DEFAULT_REVISION,
  EntryNotFoundError,
  FileMetadataError,
  GatedRepoError,
  type HfFileMetadata,
  HfHubHTTPError,
  type HubDownloadResult,
  type HubEnvironment,
  type HubOptions,
  type HubProgress,
  HubRetriesExhaustedError,
  HubTimeoutError,
  InvalidHubArgumentError,
  LocalEntryNotFoundError,
  OfflineModeIsEnabledError,
  RepositoryNotFoundError,
  ResolvedModelFile,
  type ResolveModelFileOptions,
  RevisionNotFoundError,
  checkByteRange,
  etagChecksum,
  getHfFileMetadata,
  hfHubDownload,
  hfHubUrl,
  modelFileExists,
  normalizeEtag,
  readHubEnvironment,
  repoFolderName,
  resolveModelFile,
} from '@altclip/hub';

export { Tensor, TensorShapeError } from './tensor/Tensor.js';
export type { DType, DataTypeMap, TensorData } from './tensor/Tensor.js';
export { BACKEND_SPECIFICATION_VERSION } from './backend/AltCLIPBackend.js';
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

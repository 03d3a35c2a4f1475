export { parseTorchIndex, readShardedTorchCheckpoint, TORCH_INDEX_FILE } from './readShardedTorchCheckpoint.js';
export { type ReadTorchCheckpointOptions, readTorchCheckpoint, readTorchCheckpointShapes } from './readTorchCheckpoint.js';
export {
  PickleFormatError,
  PickleTruncatedError,
  TorchCheckpointError,
  UnsafePickleGlobalError,
  UnsupportedTorchCheckpointError,
  ZipFormatError,
} from './TorchCheckpointError.js';
export { ZipArchive, type ZipEntry } from './ZipArchive.js';

export { TORCH_INDEX_FILE, parseTorchIndex, readShardedTorchCheckpoint } from './readShardedTorchCheckpoint.js';
export { readTorchCheckpoint } from './readTorchCheckpoint.js';
export {
  PickleFormatError,
  PickleTruncatedError,
  TorchCheckpointError,
  UnsafePickleGlobalError,
  UnsupportedTorchCheckpointError,
  ZipFormatError,
} from './TorchCheckpointError.js';
export { ZipArchive, type ZipEntry } from './ZipArchive.js';

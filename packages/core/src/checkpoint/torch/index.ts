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

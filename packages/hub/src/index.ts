// @altclip/hub: huggingface_hub's client (its cache layout on Node; fetch + the Cache API in browsers) and the
// byte sources and ModelFiles every package's `fromPretrained` reads through. It depends on no other package, so
// config, processor and core can all share it. Node-only code is reached through `#platform` (see package.json).


// Hub client
export { etagChecksum, normalizeEtag } from './client/etag.js';
export { getHfFileMetadata, type HfFileMetadata } from './client/getHfFileMetadata.js';
export {
  ChecksumMismatchError,
  EntryNotFoundError,
  FileMetadataError,
  GatedRepoError,
  HfHubHTTPError,
  HubRetriesExhaustedError,
  HubTimeoutError,
  InvalidHubArgumentError,
  LocalEntryNotFoundError,
  OfflineModeIsEnabledError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
} from './client/HubErrors.js';
export type { HubOptions } from './client/HubOptions.js';
export type { HubProgress } from './client/HubProgress.js';
export { hfHubDownload } from './client/hfHubDownload.js';
export { COMMIT_HASH, DEFAULT_REVISION, hfHubUrl, repoFolderName } from './client/hfHubUrl.js';
export { DEFAULT_ENDPOINT, type HubEnvironment, readHubEnvironment } from './client/hubEnvironment.js';
export { type RequestPolicy, requestPolicy } from './client/RequestPolicy.js';
export { ResolvedModelFile } from './client/ResolvedModelFile.js';
export { modelFileExists, type ResolveModelFileOptions, resolveModelFile } from './client/resolveModelFile.js';
export { hubFiles, hubOptions } from './files/hubFiles.js';
// Model files: a local directory, a hub id or ModelFiles
export { isModelFiles, type LoadProgress, type ModelFiles, type ResolveOptions, readFileBytes, readText } from './files/ModelFiles.js';
export { memoryFiles } from './files/memoryFiles.js';
export { UrlFileError, urlFiles, type UrlFilesOptions } from './files/urlFiles.js';
export { isHubId, type ModelSource, resolveModelFiles } from './files/resolveModelFiles.js';
export { BlobByteSource } from './io/BlobByteSource.js';
// Bytes
export { ByteRangeError, type ByteSource, checkByteRange } from './io/ByteSource.js';
export { bytesSource, MemoryByteSource } from './io/MemoryByteSource.js';
export { NotAFileError } from './io/NotAFileError.js';
export type { HubDownloadResult } from './node/hfHubDownload.js';

export { BlobByteSource } from './BlobByteSource.js';
export { etagChecksum, normalizeEtag } from './etag.js';
export { getHfFileMetadata, type HfFileMetadata } from './getHfFileMetadata.js';
export { COMMIT_HASH, DEFAULT_REVISION, hfHubUrl, repoFolderName } from './hfHubUrl.js';
export { DEFAULT_ENDPOINT, type HubEnvironment, readHubEnvironment } from './hubEnvironment.js';
export {
  ChecksumMismatchError,
  EntryNotFoundError,
  FileMetadataError,
  GatedRepoError,
  HfHubHTTPError,
  InvalidHubArgumentError,
  LocalEntryNotFoundError,
  OfflineModeIsEnabledError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
} from './HubErrors.js';
export type { HubOptions } from './HubOptions.js';
export type { HubProgress } from './HubProgress.js';
export { ResolvedModelFile } from './ResolvedModelFile.js';
export { modelFileExists, type ResolveModelFileOptions, resolveModelFile } from './resolveModelFile.js';
export { type HubDownloadResult, hfHubDownload } from './node/hfHubDownload.js';

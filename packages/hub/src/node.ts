// Node-only helpers (local files). Kept out of the main entry so that browser bundles never see node:fs.

export { directoryFiles } from './node/directoryFiles.js';
export { FileByteSource, openFile } from './node/FileByteSource.js';

// Node-only helpers (local files). Kept out of the main entry so that browser bundles never see node:fs.
export { FileByteSource, openFile } from './io/node/FileByteSource.js';
export { directoryFiles } from './loading/directoryFiles.js';

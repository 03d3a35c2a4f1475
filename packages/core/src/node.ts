// Node-only helpers (local files). Kept out of the main entry so that browser bundles never see node:fs.
export { FileByteSource, directoryFiles, openFile } from '@altclip/hub/node';

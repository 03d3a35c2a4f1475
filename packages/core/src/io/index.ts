export { type ByteSource, ByteRangeError, checkByteRange } from './ByteSource.js';
export { MemoryByteSource, bytesSource } from './MemoryByteSource.js';
export { NotAFileError } from './NotAFileError.js';

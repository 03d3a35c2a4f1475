export { SafetensorsError } from './SafetensorsError.js';
export { SAFETENSORS_DTYPES, type SafetensorsDType } from './SafetensorsDType.js';
export { MAX_HEADER_BYTES, type SafetensorsEntry, type SafetensorsHeader, parseSafetensorsHeader } from './SafetensorsHeader.js';
export { SafetensorsFile, openSafetensors, readSafetensors } from './SafetensorsFile.js';
export { writeSafetensors } from './writeSafetensors.js';
export { type SafetensorsIndex, parseSafetensorsIndex, readShardedSafetensors } from './ShardedSafetensors.js';

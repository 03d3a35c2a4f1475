/** A safetensors file or index is malformed; the message names the file and the offending field. */
export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

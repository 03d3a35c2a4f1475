/** Bad backend or load options. */
export class OnnxBackendError extends Error {
  override name = 'OnnxBackendError';
}

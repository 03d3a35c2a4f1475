/**
 * A model (or tower model) was used after `dispose()`, or disposed while the call was running. Backends free
 * their sessions and GPU buffers on dispose; this error stands in for whatever raw error (or silently stale
 * result) the runtime would otherwise give.
 */
export class ModelDisposedError extends Error {
  override name = 'ModelDisposedError';
}

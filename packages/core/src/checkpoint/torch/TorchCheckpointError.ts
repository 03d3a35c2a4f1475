/**
 * Every failure while reading a torch checkpoint is one of these, so callers (and the fuzz test) can tell a
 * malformed or hostile file apart from a bug.
 */
export class TorchCheckpointError extends Error {
  override name = 'TorchCheckpointError';
}

/** The zip container is malformed: bad signatures, sizes or offsets outside the file, compressed entries. */
export class ZipFormatError extends TorchCheckpointError {
  override name = 'ZipFormatError';
}

/** The pickle stream is malformed: truncated, unknown opcode, stack or memo misuse, wrong argument types. */
export class PickleFormatError extends TorchCheckpointError {
  override name = 'PickleFormatError';
}

/** The pickle stream ends early (the legacy reader then reads a longer prefix of the file). */
export class PickleTruncatedError extends PickleFormatError {
  override name = 'PickleTruncatedError';
}

/**
 * The pickle names a global outside the allowlist (the same policy as torch's `weights_only=True`).
 * Nothing is ever imported or executed; the global is refused by name.
 */
export class UnsafePickleGlobalError extends TorchCheckpointError {
  override name = 'UnsafePickleGlobalError';
  readonly global: string;

  constructor(global: string, source: string) {
    super(
      `${source}: the pickle refers to the global '${global}', which is not allowed in a state_dict ` +
        `(only torch's weights_only globals are accepted); refusing to load it`,
    );
    this.global = global;
  }
}

/** torch's weights_only unpickler accepts it, but this reader does not implement it (sparse, quantized, complex, …). */
export class UnsupportedTorchCheckpointError extends TorchCheckpointError {
  override name = 'UnsupportedTorchCheckpointError';
}

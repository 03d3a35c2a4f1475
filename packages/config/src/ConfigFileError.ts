/** A config could not be read or written (missing file, HTTP error, no file system in this environment). */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  /** The path or URL involved. */
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`${path}: ${reason}`, options);
    this.path = path;
  }
}

/** A missing, unreadable or invalid `preprocessor_config.json` (or a field in it). */
export class ProcessorConfigError extends Error {
  override readonly name = 'ProcessorConfigError';
  /** The file (or `<dict>` for an in-memory config) the problem was found in. */
  readonly file: string;

  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
  }
}

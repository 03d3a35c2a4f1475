/** Bytes or objects in a format this package does not decode (or cannot decode in this environment). */
export class UnsupportedImageFormatError extends Error {
  override readonly name = 'UnsupportedImageFormatError';
  readonly source: string;

  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.source = source;
  }
}

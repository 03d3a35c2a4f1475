/** Image bytes that cannot be decoded: truncated, corrupt, or not what their header claims. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';
  /** The file path, URL or description of the input that failed. */
  readonly source: string;

  constructor(source: string, problem: string, options?: { cause?: unknown }) {
    super(`${source}: ${problem}`, options);
    this.source = source;
  }
}

/**
 * A path that should hold a file's bytes names something else: a directory, a FIFO, a socket or a device.
 * Refused up front — a FIFO would block the reader until someone writes to it, a directory fails with a raw
 * EISDIR deep inside a read.
 */
export class NotAFileError extends Error {
  override name = 'NotAFileError';
  readonly path: string;
  /** What the path is instead, e.g. 'a directory', 'a FIFO (named pipe)'. */
  readonly kind: string;

  constructor(path: string, kind: string, options?: { cause?: unknown }) {
    super(`${path}: is ${kind}; expected a regular file`, options);
    this.path = path;
    this.kind = kind;
  }
}

import { CliError } from '../cli/CliError.js';

/** An image URL that could not be fetched: an HTTP error status, a timeout, a body over the size limit, a network error. */
export class ImageFetchError extends CliError {
  override name = 'ImageFetchError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
  }
}

import { CliError } from '../cli/CliError.js';

/** A vector store that cannot be used as asked: missing, of another format, or built with another model or dtype. */
export class StoreError extends CliError {
  override name = 'StoreError';
}

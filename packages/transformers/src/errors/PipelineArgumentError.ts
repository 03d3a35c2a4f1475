/**
 * A pipeline was given an argument or option it cannot honour: an unknown or unsupported option (named, so a
 * plain-JavaScript caller's typo is never silently ignored), a bad task name, or a malformed input.
 */
export class PipelineArgumentError extends Error {
  override name = 'PipelineArgumentError';
  /** The argument or option at fault, e.g. `options.device` or `candidateLabels`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.argument = argument;
  }
}

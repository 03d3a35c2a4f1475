/**
 * Invalid model input. The message names the argument and, where HF/torch
 * would fail on the same input, says what they report.
 */
export class InputValidationError extends Error {
  override name = 'InputValidationError';
}

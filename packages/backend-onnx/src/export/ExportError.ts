/** `exportModel` / `altclip export` was given something it cannot export (the message names the option or file). */
export class ExportError extends Error {
  override name = 'ExportError';
}

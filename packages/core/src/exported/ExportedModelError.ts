/** An exported folder (altclip_export.json) is malformed, incomplete, or cannot be loaded as asked. */
export class ExportedModelError extends Error {
  override name = 'ExportedModelError';
}

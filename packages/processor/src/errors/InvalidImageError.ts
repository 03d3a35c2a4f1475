/** A decoded or raw image that cannot be processed: zero-sized, inconsistent buffer length, bad channel count. */
export class InvalidImageError extends Error {
  override readonly name: string = 'InvalidImageError';
}

/** A checkpoint does not fit the model (HF's "Error(s) in loading state_dict"), or no weights file was found. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

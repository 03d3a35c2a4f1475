/** A processor call with arguments HF would reject (e.g. neither `text` nor `images`). */
export class ProcessorInputError extends Error {
  override readonly name = 'ProcessorInputError';
}

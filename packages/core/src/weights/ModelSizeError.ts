/**
 * A model would allocate more parameter memory than allowed (`maxParameterBytes`): random initialisation
 * (`fromConfig`, or parameters a checkpoint does not supply) of a config that declares a huge model.
 */
export class ModelSizeError extends Error {
  override readonly name = 'ModelSizeError';
  /** The config field that contributes most, e.g. `text_config.hidden_size`. */
  readonly field: string;
  readonly bytes: number;
  readonly limit: number;

  constructor(message: string, field: string, bytes: number, limit: number) {
    super(message);
    this.field = field;
    this.bytes = bytes;
    this.limit = limit;
  }
}

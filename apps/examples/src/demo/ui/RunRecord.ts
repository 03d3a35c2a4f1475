/** What one click on Run measured. */
export interface RunRecord {
  readonly backend: string;
  readonly model: string;
  /** null: the model was already loaded on this backend. */
  readonly loadMs: number | null;
  readonly preprocessMs: number;
  readonly inferenceMs: number;
  readonly topLabel: string;
}

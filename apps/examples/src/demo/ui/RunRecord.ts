/** What one click on Run measured. */
export interface RunRecord {
  readonly backend: string;
  readonly model: string;
  /** null: the model was already loaded on this backend. */
  readonly loadMs: number | null;
  readonly preprocessMs: number;
  readonly inferenceMs: number;
  readonly topLabel: string;
  /** `worker · 2 wasm threads`: where it ran and with how many threads. */
  readonly ranIn: string;
}

/**
 * Gathers text queries that arrive while the model is busy (or within the same event-loop turn) into one
 * forward pass: under concurrent load, one batch of n texts costs far less than n single passes. Batches run
 * one at a time, so the model never sees two calls at once.
 */
export class QueryBatcher {
  #pending: { text: string; resolve: (v: Float32Array) => void; reject: (e: unknown) => void }[] = [];
  #running = false;
  /** Sizes of the batches run so far (the server's health endpoint reports them). */
  readonly batchSizes: number[] = [];

  constructor(
    private readonly embed: (texts: readonly string[]) => Promise<Float32Array[]>,
    private readonly maxBatch = 32,
  ) {}

  embedText(text: string): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ text, resolve, reject });
      if (!this.#running) setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, this.maxBatch);
        this.batchSizes.push(batch.length);
        try {
          const vectors = await this.embed(batch.map((q) => q.text));
          for (const [i, q] of batch.entries()) q.resolve(vectors[i]);
        } catch (error) {
          for (const q of batch) q.reject(error);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

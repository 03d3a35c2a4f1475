/** One row of `altclip bench --json`; field names are a stable format read by outside tools. */
export interface BenchResult {
  backend: string;
  dtype: string;
  images_per_s_b1: number | null;
  images_per_s_b8: number | null;
  texts_per_s_b8: number | null;
  peak_rss_bytes: number | null;
  /** Backend load (graph build, weight upload) through the first image embedding, random init excluded. */
  load_s: number | null;
  /** Drawing the random weights (not part of a real checkpoint load). */
  init_s?: number | null;
  /** Throughput ratios against the eager-PyTorch row of the same run (with --baseline). */
  images_b8_vs_pytorch?: number | null;
  texts_b8_vs_pytorch?: number | null;
  note?: string;
  error?: string;
}

export interface BenchReport {
  machine: Record<string, unknown>;
  results: BenchResult[];
  /** @altclip/processor's figures: images/s of the 224 pipeline (ours vs sharp's resize) and tokenizer texts/s. */
  processor?: Record<string, unknown>;
}

/** One row of `altclip bench --json`; field names are a stable format read by outside tools. */
export interface BenchResult {
  backend: string;
  dtype: string;
  /**
   * Where the weights came from: `random` (drawn in the process, the pre-checkpoint rows), `checkpoint` (an HF
   * folder loaded and built on load), `exported` (an `altclip export` folder: nothing built).
   */
  source?: 'random' | 'checkpoint' | 'exported';
  /** `text,vision`, or `text` for a text-tower-only load. */
  towers?: string;
  images_per_s_b1: number | null;
  images_per_s_b8: number | null;
  texts_per_s_b8: number | null;
  peak_rss_bytes: number | null;
  /** Peak RSS when the first embedding was out (load only, before the batch-8 measurements). */
  load_peak_rss_bytes?: number | null;
  /** Backend load (graph build, weight upload; for files, reading them) through the first embedding, random init excluded. */
  load_s: number | null;
  /** HF's `from_pretrained` alone (the hf rows). */
  from_pretrained_s?: number | null;
  /** Drawing the random weights (not part of a real checkpoint load). */
  init_s?: number | null;
  /** Bytes of the weight files the row loaded (checkpoint safetensors, or the exported towers' graphs + data). */
  weight_bytes?: number | null;
  /** peak_rss_bytes / weight_bytes, and the bound for it where one exists. */
  rss_over_weights?: number | null;
  rss_target?: number | null;
  /** Intra-op threads the runtime was given (null: the runtime's own default). */
  threads?: number | null;
  cpu?: string;
  /** How many interleaved runs the medians come from, and each run's figures (load_s, images b8, texts, RSS). */
  repeats?: number;
  samples?: { load_s: number | null; images_per_s_b8: number | null; texts_per_s_b8: number | null; peak_rss_bytes: number | null }[];
  /** Throughput ratios against the baseline row of the same run (HF transformers, or the restatement). */
  images_b8_vs_pytorch?: number | null;
  texts_b8_vs_pytorch?: number | null;
  /** load_s / the baseline's from_pretrained_s (the target for exported folders: ≤ 1). */
  load_vs_hf_from_pretrained?: number | null;
  note?: string;
  error?: string;
}

export interface BenchReport {
  machine: Record<string, unknown>;
  results: BenchResult[];
  /** @altclip/processor's figures: images/s of the 224 pipeline (ours vs sharp's resize) and tokenizer texts/s. */
  processor?: Record<string, unknown>;
}

/** One cell group of the parity table: a backend × an output (layers of one kind folded into one row). */
export interface ParityRow {
  backend: string;
  dtype: string;
  output: string;
  /** max |actual − expected| of the row's tensor closest to its tolerance (the largest one where all share a tolerance). */
  maxAbsDiff: number;
  /** Smallest cosine similarity over the tensors of the row. */
  cosine: number;
  /** That tensor's tolerance (int8: its predicted error bound). */
  tolerance: number;
  status: 'pass' | 'fail' | 'excluded' | 'unavailable';
  note?: string;
}

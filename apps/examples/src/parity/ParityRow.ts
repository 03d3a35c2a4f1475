/** One cell group of the parity table: a backend × an output (layers of one kind folded into one row). */
export interface ParityRow {
  backend: string;
  dtype: string;
  output: string;
  /** Largest |actual − expected| over the tensors of the row. */
  maxAbsDiff: number;
  /** Smallest cosine similarity over the tensors of the row. */
  cosine: number;
  tolerance: number;
  status: 'pass' | 'fail' | 'excluded' | 'unavailable';
  note?: string;
}

export interface RankedLabel {
  readonly label: string;
  /** The text actually encoded (the label inside the template). */
  readonly text: string;
  readonly logit: number;
  readonly probability: number;
}

/** Labels sorted by probability, highest first; ties keep the order they were typed in. */
export function rankLabels(labels: readonly string[], texts: readonly string[], logits: readonly number[], probabilities: readonly number[]): RankedLabel[] {
  return labels
    .map((label, i) => ({ label, text: texts[i], logit: logits[i], probability: probabilities[i] }))
    .sort((a, b) => b.probability - a.probability);
}

import { DemoInputError } from '../DemoInputError.js';

/** One label per line; blank lines and surrounding whitespace are ignored. */
export function parseLabels(text: string): string[] {
  const labels = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (labels.length === 0) throw new DemoInputError('labels: enter at least one label, one per line');
  return labels;
}

import { formatMs } from './formatMs.js';
import type { RunRecord } from './RunRecord.js';

/** The steps of the last run and how long each took. */
export function renderTimings(list: HTMLElement, run: RunRecord): void {
  const total = (run.loadMs ?? 0) + run.preprocessMs + run.inferenceMs;
  const steps: [string, string, number | null][] = [
    ['load', 'Load model (fetch/read files, build the backend’s graphs)', run.loadMs],
    ['preprocess', 'Preprocess (tokenise labels, decode + resize image)', run.preprocessMs],
    ['inference', 'Inference (text and vision towers, logits)', run.inferenceMs],
    ['total', 'Total', total],
  ];
  list.replaceChildren(
    ...steps.flatMap(([step, title, ms]) => {
      const term = document.createElement('dt');
      term.textContent = title;
      const value = document.createElement('dd');
      value.dataset.step = step;
      value.textContent = formatMs(ms);
      return [term, value];
    }),
  );
}

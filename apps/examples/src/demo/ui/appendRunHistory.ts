import { formatMs } from './formatMs.js';
import type { RunRecord } from './RunRecord.js';

/** Adds a row to the table of runs, so backends can be compared side by side. */
export function appendRunHistory(body: HTMLTableSectionElement, run: RunRecord): void {
  const row = body.insertRow();
  row.dataset.backend = run.backend;
  const cells: [string, boolean][] = [
    [run.backend, false],
    [run.model, false],
    [formatMs(run.loadMs), true],
    [formatMs(run.preprocessMs), true],
    [formatMs(run.inferenceMs), true],
    [run.topLabel, false],
    [run.ranIn, false],
  ];
  for (const [text, numeric] of cells) {
    const cell = row.insertCell();
    cell.textContent = text;
    if (numeric) cell.className = 'ms';
  }
}

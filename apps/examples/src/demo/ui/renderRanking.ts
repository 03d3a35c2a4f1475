import type { RankedLabel } from '../classify/rankLabels.js';

/** One list item per label, best first; the exact probability is kept in `data-probability`. */
export function renderRanking(list: HTMLOListElement, ranking: readonly RankedLabel[]): void {
  list.replaceChildren(
    ...ranking.map((entry) => {
      const item = document.createElement('li');
      item.dataset.label = entry.label;
      item.dataset.probability = String(entry.probability);
      item.dataset.logit = String(entry.logit);

      const row = document.createElement('div');
      row.className = 'row';
      const label = document.createElement('span');
      label.textContent = entry.label;
      const percent = document.createElement('span');
      percent.textContent = `${(entry.probability * 100).toFixed(2)} %`;
      row.append(label, percent);

      const bar = document.createElement('div');
      bar.className = 'bar';
      const fill = document.createElement('span');
      fill.style.width = `${(entry.probability * 100).toFixed(2)}%`;
      bar.append(fill);

      item.append(row, bar);
      if (entry.text !== entry.label) {
        const encoded = document.createElement('div');
        encoded.className = 'encoded';
        encoded.textContent = `encoded as “${entry.text}”`;
        item.append(encoded);
      }
      return item;
    }),
  );
}

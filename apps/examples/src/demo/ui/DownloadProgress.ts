import type { LoadProgress } from '@altclip/core';
import { formatBytes } from './formatBytes.js';

/**
 * One line per model file while a model loads: name, bytes so far / total. The list of the last load
 * stays until the next load reports, so a run on an already loaded model keeps showing it.
 */
export class DownloadProgress {
  readonly #list: HTMLElement;
  readonly #items = new Map<string, HTMLElement>();
  #stale = false;

  constructor(list: HTMLElement) {
    this.#list = list;
  }

  /** The next progress event starts a new list. */
  newLoad(): void {
    this.#stale = true;
  }

  /** After a job: a load that downloaded nothing (a picked folder is read locally) leaves no stale list behind. */
  finish(loaded: boolean): void {
    if (loaded && this.#stale) {
      this.#list.replaceChildren();
      this.#items.clear();
    }
    this.#stale = false;
  }

  update({ file, loaded, total }: LoadProgress): void {
    if (this.#stale) {
      this.#list.replaceChildren();
      this.#items.clear();
      this.#stale = false;
    }
    let item = this.#items.get(file);
    if (!item) {
      item = document.createElement('li');
      item.dataset.file = file;
      this.#items.set(file, item);
      this.#list.append(item);
    }
    item.dataset.loaded = String(loaded);
    item.dataset.total = String(total);
    item.classList.toggle('complete', loaded === total);
    item.textContent = `${file} — ${formatBytes(loaded)} / ${formatBytes(total)}`;
  }
}

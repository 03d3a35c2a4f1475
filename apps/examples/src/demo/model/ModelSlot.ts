import type { LoadProgress } from '@altclip/core';
import type { DemoBackend, DemoBackendOptions } from '../backends/demoBackends.js';
import { timed } from '../classify/timed.js';
import { type DemoModelSource, modelSourceKey } from './DemoModelSource.js';
import { LoadedModel } from './LoadedModel.js';
import { openModelFiles } from './openModelFiles.js';

/** The model the page (or worker) currently holds, reloaded only when the model, the backend or its options change. */
export class ModelSlot {
  #key: string | undefined;
  #current: LoadedModel | undefined;

  /** The loaded model, and how long loading took (null: it was already loaded). */
  async get(
    source: DemoModelSource,
    backend: DemoBackend,
    options: DemoBackendOptions,
    onProgress: (event: LoadProgress) => void,
  ): Promise<{ loaded: LoadedModel; loadMs: number | null }> {
    const key = `${modelSourceKey(source)}|${backend.id}|${options.numThreads ?? 'default'}`;
    if (this.#current && this.#key === key) return { loaded: this.#current, loadMs: null };
    await this.release();
    const { value, ms } = await timed(() => LoadedModel.load(openModelFiles(source, onProgress), backend, options));
    this.#key = key;
    this.#current = value;
    return { loaded: value, loadMs: ms };
  }

  async release(): Promise<void> {
    const previous = this.#current;
    this.#current = undefined;
    this.#key = undefined;
    await previous?.dispose();
  }
}

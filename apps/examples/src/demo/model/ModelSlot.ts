import type { ModelFiles } from '@altclip/core';
import type { DemoBackend } from '../backends/demoBackends.js';
import { timed } from '../classify/timed.js';
import { LoadedModel } from './LoadedModel.js';

/** The model the page currently holds, reloaded only when the model folder or the backend changes. */
export class ModelSlot {
  #files: ModelFiles | undefined;
  #current: LoadedModel | undefined;

  /** The loaded model, and how long loading took (null: it was already loaded). */
  async get(files: ModelFiles, backend: DemoBackend): Promise<{ loaded: LoadedModel; loadMs: number | null }> {
    if (this.#current && this.#files === files && this.#current.backendId === backend.id) return { loaded: this.#current, loadMs: null };
    await this.release();
    const { value, ms } = await timed(() => LoadedModel.load(files, backend));
    this.#files = files;
    this.#current = value;
    return { loaded: value, loadMs: ms };
  }

  async release(): Promise<void> {
    const previous = this.#current;
    this.#current = undefined;
    this.#files = undefined;
    await previous?.dispose();
  }
}

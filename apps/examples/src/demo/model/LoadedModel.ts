import { AltCLIPModel, type ModelFiles } from '@altclip/core';
import type { AltCLIPProcessor } from '@altclip/processor';
import type { DemoBackend, DemoBackendOptions } from '../backends/demoBackends.js';
import { loadProcessor } from './loadProcessor.js';

/** A model on one backend; the page (or its worker) keeps one at a time. */
export class LoadedModel {
  readonly sourceName: string;
  readonly model: AltCLIPModel;
  readonly warnings: readonly string[];
  readonly #files: ModelFiles;
  #processor: Promise<AltCLIPProcessor> | undefined;

  private constructor(files: ModelFiles, model: AltCLIPModel, warnings: readonly string[]) {
    this.#files = files;
    this.sourceName = files.name;
    this.model = model;
    this.warnings = warnings;
  }

  static async load(files: ModelFiles, backend: DemoBackend, options: DemoBackendOptions): Promise<LoadedModel> {
    const warnings: string[] = [];
    const instance = await backend.create(options);
    try {
      const model = await AltCLIPModel.fromPretrained(files, { backend: instance, onWarning: (message) => warnings.push(message) });
      return new LoadedModel(files, model, warnings);
    } catch (error) {
      // A WebGPU backend holds a device from init() on; don't keep it for a model that never loaded.
      await instance.dispose?.();
      throw error;
    }
  }

  /**
   * The folder's processor, loaded on first use: measuring speed needs none, and a folder exported
   * without tokenizer files (a random-weight benchmark model) still loads.
   */
  processor(): Promise<AltCLIPProcessor> {
    this.#processor ??= loadProcessor(this.#files).catch((error: unknown) => {
      this.#processor = undefined;
      throw error;
    });
    return this.#processor;
  }

  /** Frees the towers and then the backend's device or sessions (a GPU backend holds a device per instance). */
  async dispose(): Promise<void> {
    await this.model.dispose();
    await this.model.backend.dispose?.();
  }
}

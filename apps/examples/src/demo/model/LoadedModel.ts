import { AltCLIPModel, type ModelFiles } from '@altclip/core';
import type { AltCLIPProcessor } from '@altclip/processor';
import type { DemoBackend } from '../backends/demoBackends.js';
import { loadProcessor } from './loadProcessor.js';

/** A model and its processor on one backend; the page keeps one at a time. */
export class LoadedModel {
  readonly backendId: string;
  readonly sourceName: string;
  readonly model: AltCLIPModel;
  readonly processor: AltCLIPProcessor;
  readonly warnings: readonly string[];

  private constructor(backendId: string, sourceName: string, model: AltCLIPModel, processor: AltCLIPProcessor, warnings: readonly string[]) {
    this.backendId = backendId;
    this.sourceName = sourceName;
    this.model = model;
    this.processor = processor;
    this.warnings = warnings;
  }

  static async load(files: ModelFiles, backend: DemoBackend): Promise<LoadedModel> {
    const warnings: string[] = [];
    const processor = await loadProcessor(files);
    const instance = await backend.create();
    try {
      const model = await AltCLIPModel.fromPretrained(files, { backend: instance, onWarning: (message) => warnings.push(message) });
      return new LoadedModel(backend.id, files.name, model, processor, warnings);
    } catch (error) {
      // A WebGPU backend holds a device from init() on; don't keep it for a model that never loaded.
      await instance.dispose?.();
      throw error;
    }
  }

  /** Frees the towers and then the backend's device or sessions (a GPU backend holds a device per instance). */
  async dispose(): Promise<void> {
    await this.model.dispose();
    await this.model.backend.dispose?.();
  }
}

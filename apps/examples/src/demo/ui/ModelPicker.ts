import type { ModelFiles } from '@altclip/core';
import { DemoInputError } from '../DemoInputError.js';
import { fetchedModelFiles } from '../model/fetchedModelFiles.js';
import { pickedModelFiles } from '../model/pickedModelFiles.js';
import type { DemoElements } from './demoElements.js';

/** Served by demo/vite.config.ts (dev) or copied into the build. */
const BUNDLED_MODEL_URL = 'models/altclip-tiny/';

/**
 * The bundled checkpoint or a folder the user picked. Each choice is one `ModelFiles`
 * object for as long as it stays picked, so the page can tell whether to reload the model.
 */
export class ModelPicker {
  readonly #bundled: ModelFiles = fetchedModelFiles(new URL(BUNDLED_MODEL_URL, document.baseURI), 'altclip-tiny (bundled)');
  #picked: ModelFiles | undefined;
  readonly #elements: DemoElements;

  constructor(elements: DemoElements) {
    this.#elements = elements;
    const { modelFolder, modelPicked, modelBundled } = elements;
    modelFolder.addEventListener('change', () => {
      this.#picked = undefined;
      modelPicked.checked = true;
      try {
        this.#picked = pickedModelFiles(modelFolder.files ?? []);
        this.#show(`Picked: ${this.#picked.name}`);
      } catch (error) {
        this.#show((error as Error).message);
      }
    });
    modelBundled.addEventListener('change', () => this.#show(''));
  }

  get files(): ModelFiles {
    if (this.#elements.modelBundled.checked) return this.#bundled;
    if (!this.#picked) throw new DemoInputError('model folder: choose a folder that holds config.json, the weights, the tokenizer and preprocessor_config.json');
    return this.#picked;
  }

  #show(message: string): void {
    this.#elements.modelName.textContent = message;
  }
}

import { DemoInputError } from '../DemoInputError.js';
import type { DemoModelSource } from '../model/DemoModelSource.js';
import { pickedFile, pickedModelFiles } from '../model/pickedModelFiles.js';
import type { DemoElements } from './demoElements.js';
import { parseModelUrl } from './parseModelUrl.js';

/** Served by demo/vite.config.ts (dev) or copied into the build. */
const BUNDLED_MODEL_URL = 'models/altclip-tiny/';

/**
 * The bundled checkpoint, a folder the user picked, or a folder at a URL (what `altclip export`
 * writes, on any static host). Each choice is one source for as long as it stays chosen, so the
 * engine can tell whether to reload the model.
 */
export class ModelPicker {
  readonly #bundled: DemoModelSource = {
    kind: 'url',
    url: new URL(BUNDLED_MODEL_URL, document.baseURI).href,
    name: 'altclip-tiny (bundled)',
    // Served from the repo by the dev server: always the current files, so not kept in the Cache API.
    cache: false,
  };
  #picked: DemoModelSource | undefined;
  #picks = 0;
  readonly #elements: DemoElements;

  constructor(elements: DemoElements) {
    this.#elements = elements;
    const { modelFolder, modelPicked, modelBundled, modelUrl, modelUrlChoice } = elements;
    modelFolder.addEventListener('change', () => {
      this.#picked = undefined;
      modelPicked.checked = true;
      try {
        const files = [...(modelFolder.files ?? [])].map(pickedFile);
        const { name } = pickedModelFiles(files);
        this.#picked = { kind: 'picked', name, id: ++this.#picks, files };
        this.#show(`Picked: ${name}`);
      } catch (error) {
        this.#show((error as Error).message);
      }
    });
    modelBundled.addEventListener('change', () => this.#show(''));
    modelUrl.addEventListener('input', () => {
      modelUrlChoice.checked = true;
      this.#show('');
    });
  }

  get source(): DemoModelSource {
    const { modelBundled, modelUrlChoice, modelUrl } = this.#elements;
    if (modelBundled.checked) return this.#bundled;
    if (modelUrlChoice.checked) {
      const url = parseModelUrl(modelUrl.value, document.baseURI);
      return { kind: 'url', url, name: url, cache: true };
    }
    if (!this.#picked) throw new DemoInputError('model folder: choose a folder that holds config.json, the weights, the tokenizer and preprocessor_config.json');
    return this.#picked;
  }

  #show(message: string): void {
    this.#elements.modelName.textContent = message;
  }
}

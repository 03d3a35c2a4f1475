import { DemoInputError } from '../DemoInputError.js';
import type { DemoElements } from './demoElements.js';

/** The image to classify: from the file input, a drop on the drop zone, or a sample button. */
export class ImagePicker {
  #image: File | undefined;
  #previewUrl: string | undefined;
  readonly #elements: DemoElements;

  /** `onError` receives failures of event handlers (a sample that cannot be fetched). */
  constructor(elements: DemoElements, onError: (error: unknown) => void) {
    this.#elements = elements;
    const { imageInput, dropZone, samples } = elements;
    imageInput.addEventListener('change', () => {
      const file = imageInput.files?.[0];
      if (file) this.#set(file);
    });
    dropZone.addEventListener('dragover', (event) => {
      event.preventDefault();
      dropZone.classList.add('dragging');
    });
    dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
    dropZone.addEventListener('drop', (event) => {
      event.preventDefault();
      dropZone.classList.remove('dragging');
      const file = event.dataTransfer?.files[0];
      if (file) this.#set(file);
    });
    for (const button of samples) button.addEventListener('click', () => this.#loadSample(button.dataset.src ?? '').catch(onError));
  }

  /** The picked image; a DemoInputError when there is none yet. */
  get image(): File {
    if (!this.#image) throw new DemoInputError('image: drop or choose an image first');
    return this.#image;
  }

  async #loadSample(src: string): Promise<void> {
    const response = await fetch(src);
    if (!response.ok) throw new DemoInputError(`image: sample ${src} could not be fetched (HTTP ${response.status})`);
    const blob = await response.blob();
    this.#set(new File([blob], src.split('/').pop() ?? src, { type: blob.type }));
  }

  #set(file: File): void {
    this.#image = file;
    if (this.#previewUrl) URL.revokeObjectURL(this.#previewUrl);
    this.#previewUrl = URL.createObjectURL(file);
    const { preview, dropHint } = this.#elements;
    preview.src = this.#previewUrl;
    preview.alt = file.name;
    preview.hidden = false;
    dropHint.firstChild!.textContent = `${file.name} · drop another image here, or `;
  }
}

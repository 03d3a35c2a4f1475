/** The page's controls, looked up once by id (see demo/index.html). */
export interface DemoElements {
  readonly form: HTMLFormElement;
  readonly modelBundled: HTMLInputElement;
  readonly modelPicked: HTMLInputElement;
  readonly modelFolder: HTMLInputElement;
  readonly modelName: HTMLElement;
  readonly backend: HTMLSelectElement;
  readonly dropZone: HTMLElement;
  readonly dropHint: HTMLElement;
  readonly imageInput: HTMLInputElement;
  readonly preview: HTMLImageElement;
  readonly samples: readonly HTMLButtonElement[];
  readonly labels: HTMLTextAreaElement;
  readonly template: HTMLInputElement;
  readonly run: HTMLButtonElement;
  readonly status: HTMLElement;
  readonly ranking: HTMLOListElement;
  readonly timings: HTMLElement;
  readonly history: HTMLTableSectionElement;
}

function byId<T extends HTMLElement>(doc: Document, id: string, type: new () => T): T {
  const element = doc.getElementById(id);
  if (!(element instanceof type)) throw new Error(`demo page: #${id} is missing or not a ${type.name}`);
  return element;
}

export function demoElements(doc: Document): DemoElements {
  return {
    form: byId(doc, 'demo-form', HTMLFormElement),
    modelBundled: byId(doc, 'model-bundled', HTMLInputElement),
    modelPicked: byId(doc, 'model-picked', HTMLInputElement),
    modelFolder: byId(doc, 'model-folder', HTMLInputElement),
    modelName: byId(doc, 'model-name', HTMLElement),
    backend: byId(doc, 'backend', HTMLSelectElement),
    dropZone: byId(doc, 'drop-zone', HTMLElement),
    dropHint: byId(doc, 'drop-hint', HTMLElement),
    imageInput: byId(doc, 'image-input', HTMLInputElement),
    preview: byId(doc, 'preview', HTMLImageElement),
    samples: [...doc.querySelectorAll<HTMLButtonElement>('button.sample')],
    labels: byId(doc, 'labels', HTMLTextAreaElement),
    template: byId(doc, 'template', HTMLInputElement),
    run: byId(doc, 'run', HTMLButtonElement),
    status: byId(doc, 'status', HTMLElement),
    ranking: byId(doc, 'ranking', HTMLOListElement),
    timings: byId(doc, 'timings', HTMLElement),
    history: byId(doc, 'history', HTMLTableSectionElement),
  };
}

/** The page's controls, looked up once by id (see demo/index.html). */
export interface DemoElements {
  readonly form: HTMLFormElement;
  readonly modelBundled: HTMLInputElement;
  readonly modelPicked: HTMLInputElement;
  readonly modelFolder: HTMLInputElement;
  readonly modelUrlChoice: HTMLInputElement;
  readonly modelUrl: HTMLInputElement;
  readonly modelName: HTMLElement;
  readonly progress: HTMLElement;
  readonly threads: HTMLInputElement;
  readonly inWorker: HTMLInputElement;
  readonly runtime: HTMLElement;
  readonly speed: HTMLButtonElement;
  readonly speedResult: HTMLElement;
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
    modelUrlChoice: byId(doc, 'model-url-choice', HTMLInputElement),
    modelUrl: byId(doc, 'model-url', HTMLInputElement),
    modelName: byId(doc, 'model-name', HTMLElement),
    progress: byId(doc, 'progress', HTMLElement),
    threads: byId(doc, 'threads', HTMLInputElement),
    inWorker: byId(doc, 'in-worker', HTMLInputElement),
    runtime: byId(doc, 'runtime', HTMLElement),
    speed: byId(doc, 'speed', HTMLButtonElement),
    speedResult: byId(doc, 'speed-result', HTMLElement),
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

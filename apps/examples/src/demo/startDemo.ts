import { DEMO_BACKENDS, demoBackend } from './backends/demoBackends.js';
import { classifyImage } from './classify/classifyImage.js';
import { parseLabels } from './classify/parseLabels.js';
import { ModelSlot } from './model/ModelSlot.js';
import { appendRunHistory } from './ui/appendRunHistory.js';
import { demoElements } from './ui/demoElements.js';
import { formatMs } from './ui/formatMs.js';
import { ImagePicker } from './ui/ImagePicker.js';
import { ModelPicker } from './ui/ModelPicker.js';
import type { RunRecord } from './ui/RunRecord.js';
import { renderRanking } from './ui/renderRanking.js';
import { renderTimings } from './ui/renderTimings.js';
import { setStatus } from './ui/setStatus.js';

/**
 * Wires the demo page (demo/index.html): backend list, image and model pickers, and Run.
 * Called by the page rather than run on import: the package is `sideEffects: false`.
 */
export function startDemo(doc: Document): void {
  const elements = demoElements(doc);
  const hasWebGPU = 'gpu' in navigator;
  elements.backend.replaceChildren(
    ...DEMO_BACKENDS.map((backend) => {
      const suffix = backend.webgpu && !hasWebGPU ? ' (no WebGPU in this browser)' : '';
      return new Option(`${backend.label}${suffix}`, backend.id);
    }),
  );

  const showError = (error: unknown) => {
    console.error(error);
    setStatus(elements.status, 'error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  };
  const images = new ImagePicker(elements, showError);
  const models = new ModelPicker(elements);
  const slot = new ModelSlot();

  async function run(): Promise<void> {
    const backend = demoBackend(elements.backend.value);
    const request = { image: images.image, labels: parseLabels(elements.labels.value), template: elements.template.value };
    const files = models.files;
    setStatus(elements.status, 'running', `Loading ${files.name} on ${backend.label}…`);
    const { loaded, loadMs } = await slot.get(files, backend);
    setStatus(elements.status, 'running', `Classifying ${request.image.name} on ${backend.label}…`);
    const result = await classifyImage(loaded, request);
    const record: RunRecord = {
      backend: backend.label,
      model: loaded.sourceName,
      loadMs,
      preprocessMs: result.preprocessMs,
      inferenceMs: result.inferenceMs,
      topLabel: result.ranking[0].label,
    };
    renderRanking(elements.ranking, result.ranking);
    renderTimings(elements.timings, record);
    appendRunHistory(elements.history, record);
    elements.ranking.dataset.backend = backend.id;
    const warnings = loaded.warnings.length > 0 ? ` · ${loaded.warnings.length} load warning(s), see the console` : '';
    for (const warning of loadMs === null ? [] : loaded.warnings) console.warn(warning);
    setStatus(elements.status, 'done', `${backend.label}: ${formatMs(result.inferenceMs)} inference${warnings}`);
  }

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    elements.run.disabled = true;
    run()
      .catch(showError)
      .finally(() => {
        elements.run.disabled = false;
      });
  });
}

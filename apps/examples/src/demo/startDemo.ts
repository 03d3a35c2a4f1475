import { DEMO_BACKENDS, demoBackend } from './backends/demoBackends.js';
import { parseLabels } from './classify/parseLabels.js';
import type { DemoEngine } from './engine/DemoEngine.js';
import type { DemoJobBase } from './engine/DemoJob.js';
import { LocalEngine } from './engine/LocalEngine.js';
import { WorkerEngine } from './engine/WorkerEngine.js';
import { appendRunHistory } from './ui/appendRunHistory.js';
import { DownloadProgress } from './ui/DownloadProgress.js';
import { demoElements } from './ui/demoElements.js';
import { describeRuntime } from './ui/describeRuntime.js';
import { formatMs } from './ui/formatMs.js';
import { ImagePicker } from './ui/ImagePicker.js';
import { ModelPicker } from './ui/ModelPicker.js';
import { parseThreads } from './ui/parseThreads.js';
import type { RunRecord } from './ui/RunRecord.js';
import { renderRanking } from './ui/renderRanking.js';
import { renderTimings } from './ui/renderTimings.js';
import { setStatus } from './ui/setStatus.js';

/** What "Measure speed" runs unless the button's data-batch / data-repeats say otherwise. */
const SPEED_BATCH = 4;
const SPEED_REPEATS = 5;

/**
 * Wires the demo page (demo/index.html): model, backend and where it runs, image, labels, Run and
 * Measure speed. Called by the page rather than run on import: the package is `sideEffects: false`.
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
  const progress = new DownloadProgress(elements.progress);
  // Both kept: switching the checkbox back reuses the model each already holds.
  let worker: WorkerEngine | undefined;
  const page = new LocalEngine('page');
  const engine = (): DemoEngine => {
    if (!elements.inWorker.checked) return page;
    worker ??= new WorkerEngine();
    return worker;
  };

  function jobBase(): DemoJobBase {
    return { source: models.source, backendId: demoBackend(elements.backend.value).id, numThreads: parseThreads(elements.threads.value) };
  }

  async function run(): Promise<void> {
    const base = jobBase();
    const backend = demoBackend(base.backendId);
    const image = images.image;
    const labels = parseLabels(elements.labels.value);
    setStatus(elements.status, 'running', `Classifying ${image.name} on ${backend.label}…`);
    progress.newLoad();
    const outcome = await engine().run({ ...base, kind: 'classify', image, labels, template: elements.template.value }, (event) => progress.update(event));
    progress.finish(outcome.loadMs !== null);
    const ranIn = describeRuntime(outcome.runtime);
    const record: RunRecord = {
      backend: backend.label,
      model: outcome.modelName,
      loadMs: outcome.loadMs,
      preprocessMs: outcome.preprocessMs,
      inferenceMs: outcome.inferenceMs,
      topLabel: outcome.ranking[0].label,
      ranIn,
    };
    renderRanking(elements.ranking, outcome.ranking);
    renderTimings(elements.timings, record);
    appendRunHistory(elements.history, record);
    elements.ranking.dataset.backend = backend.id;
    elements.runtime.textContent = ranIn;
    const warnings = outcome.warnings.length > 0 ? ` · ${outcome.warnings.length} load warning(s), see the console` : '';
    for (const warning of outcome.warnings) console.warn(warning);
    setStatus(elements.status, 'done', `${backend.label}: ${formatMs(outcome.inferenceMs)} inference${warnings}`);
  }

  async function measure(): Promise<void> {
    const base = jobBase();
    const backend = demoBackend(base.backendId);
    const batch = Number(elements.speed.dataset.batch ?? SPEED_BATCH);
    const repeats = Number(elements.speed.dataset.repeats ?? SPEED_REPEATS);
    setStatus(elements.status, 'running', `Measuring ${backend.label}: ${batch} images and ${batch} texts, ${repeats} times…`);
    progress.newLoad();
    const outcome = await engine().run({ ...base, kind: 'speed', batch, repeats }, (event) => progress.update(event));
    progress.finish(outcome.loadMs !== null);
    const ranIn = describeRuntime(outcome.runtime);
    elements.runtime.textContent = ranIn;
    const result = elements.speedResult;
    result.dataset.outcome = JSON.stringify(outcome);
    result.textContent =
      `${backend.label}, ${outcome.modelName}, ${ranIn}: ${outcome.imagesPerSecond.toFixed(2)} images/s, ${outcome.textsPerSecond.toFixed(1)} texts/s ` +
      `(batch ${outcome.batch}, ${outcome.textTokens} tokens a text, median of ${repeats}${outcome.loadMs === null ? '' : `; load ${formatMs(outcome.loadMs)}`})`;
    setStatus(elements.status, 'done', `${backend.label}: speed measured`);
  }

  const guard = (work: () => Promise<void>) => {
    elements.run.disabled = true;
    elements.speed.disabled = true;
    work()
      .catch(showError)
      .finally(() => {
        elements.run.disabled = false;
        elements.speed.disabled = false;
      });
  };
  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(run);
  });
  elements.speed.addEventListener('click', () => guard(measure));
}

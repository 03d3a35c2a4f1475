// The page's module worker (started by WorkerEngine): loads the model and runs inference here, so the
// page's thread stays free for input and animation. Assigning onmessage on import is this entry's job.
import type { LoadProgress } from '@altclip/core';
import type { DemoJob } from './DemoJob.js';
import { LocalEngine } from './LocalEngine.js';
import type { WorkerReply, WorkerRequest } from './workerMessages.js';

const engine = new LocalEngine('worker');
const reply = (message: WorkerReply) => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(message);

// One job at a time, in arrival order: the model slot is not shared between overlapping loads.
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, job } = event.data;
  queue = queue.then(() => runJob(id, job));
};

async function runJob(id: number, job: DemoJob): Promise<void> {
  try {
    const outcome = await engine.run(job, (progress: LoadProgress) => reply({ id, type: 'progress', progress }));
    reply({ id, type: 'done', outcome });
  } catch (error) {
    console.error(error);
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    reply({ id, type: 'error', name, message });
  }
}

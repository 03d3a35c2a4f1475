/**
 * Runs one inference at a time per backend. onnxruntime-web keeps every session of a page in one wasm instance,
 * and its WebGPU EP does not survive overlapping `run()` calls: in Chromium, three concurrent calls on the text and
 * vision sessions never settled, and releasing the sessions afterwards crashed ORT's wasm heap ("memory access out
 * of bounds" in OrtFree), breaking every later session of the page. Queuing costs nothing in throughput — each run
 * already uses every intra-op thread — and callers may still issue calls concurrently.
 */
export class RunQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(call: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(call, call);
    // The queue continues after a failed run too; the caller sees the failure through `result`.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

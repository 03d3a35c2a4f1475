import type { Plan } from '../gpu/Plan.js';

/**
 * Recorded forwards by input shape and requested outputs, least recently used first out.
 * A few entries cover the usual alternation (e.g. a text batch and a single query).
 */
export class PlanCache<P extends { plan: Plan }> {
  readonly #entries = new Map<string, P>();
  readonly #capacity: number;

  constructor(capacity = 4) {
    this.#capacity = capacity;
  }

  get(key: string, build: () => P): P {
    let entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
    } else {
      entry = build();
      while (this.#entries.size >= this.#capacity) {
        const [oldestKey, oldest] = this.#entries.entries().next().value!;
        this.#entries.delete(oldestKey);
        oldest.plan.dispose();
      }
    }
    this.#entries.set(key, entry);
    return entry;
  }

  clear(): void {
    for (const entry of this.#entries.values()) entry.plan.dispose();
    this.#entries.clear();
  }
}

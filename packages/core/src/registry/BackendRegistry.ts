import { type AltCLIPBackend, BACKEND_SPECIFICATION_VERSION } from '../backend/AltCLIPBackend.js';

export type BackendFactory = () => AltCLIPBackend | Promise<AltCLIPBackend>;

/** No usable backend: none registered, the named one is unknown, or every candidate failed to initialise. */
export class BackendResolutionError extends Error {
  override name = 'BackendResolutionError';
}

interface Entry {
  readonly name: string;
  readonly priority: number;
  /** What was registered (an instance or a factory), to recognise a repeated registration. */
  readonly registered: AltCLIPBackend | BackendFactory;
  readonly create: BackendFactory;
  /** One shared initialisation; a rejected promise is kept so a failed backend is not retried. */
  ready?: Promise<AltCLIPBackend>;
  error?: unknown;
}

const initialised = new WeakMap<AltCLIPBackend, Promise<AltCLIPBackend>>();

/** Checks the contract version and runs `init()` once per backend instance. */
export function initializeBackend(backend: AltCLIPBackend): Promise<AltCLIPBackend> {
  let ready = initialised.get(backend);
  if (!ready) {
    if (backend.specificationVersion !== BACKEND_SPECIFICATION_VERSION) {
      return Promise.reject(
        new BackendResolutionError(
          `backend '${backend.name}' implements specification ${String(backend.specificationVersion)}, but this @altclip/core needs ${BACKEND_SPECIFICATION_VERSION}`,
        ),
      );
    }
    ready = Promise.resolve(backend.init?.()).then(() => backend);
    initialised.set(backend, ready);
  }
  return ready;
}

/**
 * Backends by name and priority (after onnxruntime-common's backend-impl):
 * lazily created and initialised on first use, failures remembered so that a
 * broken backend is skipped rather than retried on every model load. Nothing
 * registers itself; applications call `registerBackend` explicitly.
 */
export class BackendRegistry {
  readonly #entries = new Map<string, Entry>();

  register(name: string, backend: AltCLIPBackend | BackendFactory, priority = 0): void {
    if (!name) throw new TypeError('registerBackend: name must be a non-empty string');
    if (!Number.isFinite(priority)) throw new TypeError(`registerBackend('${name}'): priority must be a finite number`);
    const create: BackendFactory = typeof backend === 'function' ? backend : () => backend;
    const existing = this.#entries.get(name);
    // Registering the same backend again only changes its priority (its initialisation state is kept);
    // anything else under that name replaces it.
    if (existing && existing.registered === backend) {
      this.#entries.set(name, { ...existing, priority });
      return;
    }
    this.#entries.set(name, { name, priority, registered: backend, create });
  }

  unregister(name: string): boolean {
    return this.#entries.delete(name);
  }

  /** Registered names, highest priority first. */
  names(): string[] {
    return this.#ordered().map((e) => e.name);
  }

  /**
   * An instance is initialised and returned; a name (or list of names, tried in
   * order) is looked up; nothing means every registered backend by priority.
   */
  async resolve(hint?: AltCLIPBackend | string | readonly string[]): Promise<AltCLIPBackend> {
    if (hint !== undefined && typeof hint === 'object' && !Array.isArray(hint)) return initializeBackend(hint as AltCLIPBackend);
    const names = hint === undefined ? this.names() : typeof hint === 'string' ? [hint] : [...(hint as readonly string[])];
    if (names.length === 0) {
      throw new BackendResolutionError('no backend given and none registered: pass `backend` or call registerBackend(name, backend, priority)');
    }
    const failures: string[] = [];
    for (const name of names) {
      const entry = this.#entries.get(name);
      if (!entry) {
        failures.push(`${name}: not registered (registered: ${this.names().join(', ') || 'none'})`);
        continue;
      }
      entry.ready ??= Promise.resolve()
        .then(entry.create)
        .then(initializeBackend)
        .catch((error) => {
          entry.error = error;
          throw error;
        });
      try {
        return await entry.ready;
      } catch (error) {
        failures.push(`${name}: ${(error as Error)?.message ?? String(error)}`);
      }
    }
    throw new BackendResolutionError(`no backend could be initialised:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  }

  #ordered(): Entry[] {
    return [...this.#entries.values()].sort((a, b) => b.priority - a.priority);
  }
}

/** The process-wide registry used by `registerBackend`/`resolveBackend` and `fromPretrained`. */
export const defaultRegistry = new BackendRegistry();

export function registerBackend(name: string, backend: AltCLIPBackend | BackendFactory, priority = 0): void {
  defaultRegistry.register(name, backend, priority);
}

export function resolveBackend(hint?: AltCLIPBackend | string | readonly string[]): Promise<AltCLIPBackend> {
  return defaultRegistry.resolve(hint);
}

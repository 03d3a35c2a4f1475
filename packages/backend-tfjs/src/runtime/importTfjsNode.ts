import { TfjsRuntimeError } from '../errors/TfjsRuntimeError.js';

/**
 * `@tensorflow/tfjs-node` is an optional peer: its install downloads libtensorflow, so it
 * is often absent. Importing it registers the `tensorflow` backend in the global tfjs
 * engine (shared by every copy of tfjs-core), which is all we need from it. The specifier
 * is computed so that bundlers and TypeScript do not require the package to exist.
 */
export async function importTfjsNode(): Promise<void> {
  const specifier = '@tensorflow/tfjs-node';
  try {
    await import(/* @vite-ignore */ specifier);
  } catch (cause) {
    throw new TfjsRuntimeError(
      `backend 'tensorflow' needs the optional peer dependency ${specifier} (npm install ${specifier}); ` +
        `importing it failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

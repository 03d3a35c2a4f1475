/**
 * The TensorFlow.js backends this package can drive, by their tfjs registry names.
 * `tensorflow` is `@tensorflow/tfjs-node` (native libtensorflow, Node only).
 */
export const TFJS_RUNTIMES = ['tensorflow', 'wasm', 'cpu', 'webgl', 'webgpu'] as const;

export type TfjsRuntimeName = (typeof TFJS_RUNTIMES)[number];

export function isTfjsRuntimeName(value: unknown): value is TfjsRuntimeName {
  return typeof value === 'string' && (TFJS_RUNTIMES as readonly string[]).includes(value);
}

/**
 * The slice of the onnxruntime-node / onnxruntime-web API this package uses. Typed
 * structurally so that neither runtime is a compile-time dependency: both are
 * optional peers, imported dynamically by their factory.
 */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  dispose?(): void;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

/** ORT session options, passed through untouched (threads, providers, optimisation level, …). */
export type OrtSessionOptions = Record<string, unknown>;

export interface OrtModule {
  readonly InferenceSession: {
    create(model: string | Uint8Array, options?: OrtSessionOptions): Promise<OrtSession>;
  };
  readonly Tensor: new (type: string, data: ArrayBufferView, dims: readonly number[]) => OrtTensor;
}

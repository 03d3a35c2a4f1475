import type { AltCLIPBackend, LoadProgress, WeightDType } from '@altclip/core';

/** `pipeline(task, model, options)`'s options: where the model comes from and which backend computes. */
export interface PipelineOptions {
  /**
   * Required: the backend instance that computes (`createOnnxNodeBackend()`, `createTfjsBackend()`, …) or the
   * name of one you registered with `registerBackend`. Passed explicitly so this package depends on no runtime.
   */
  backend: AltCLIPBackend | string | readonly string[];
  /** Weight precision (default 'fp32'; 'fp16' / 'int8' where the backend supports them). */
  dtype?: WeightDType;
  /** Forwarded to the backend's tower loaders. */
  backendOptions?: Record<string, unknown>;
  /** Hub revision (branch, tag or commit), default 'main'. */
  revision?: string;
  /** Hub cache directory (huggingface_hub's layout; default HF_HUB_CACHE or ~/.cache/huggingface/hub). */
  cacheDir?: string;
  /** Use only the cache, never the network. */
  localFilesOnly?: boolean;
  /** Bearer token for private or gated repositories; `false` sends none (default `HF_TOKEN`, else the login token). */
  token?: string | false;
  onProgress?: (event: LoadProgress) => void;
  /** Forwarded to the Hub client (endpoint, token, fetch, …). */
  hub?: Record<string, unknown>;
  /** Receives HF's load warnings (missing/unexpected keys); default console.warn. */
  onWarning?: (message: string) => void;
  /** `'fast'` (default, tokenizer.json) or `'slow'` (sentencepiece.bpe.model), like `use_fast`. */
  tokenizer?: 'fast' | 'slow';
}

export const PIPELINE_OPTION_KEYS = ['backend', 'dtype', 'backendOptions', 'revision', 'cacheDir', 'localFilesOnly', 'token', 'onProgress', 'hub', 'onWarning', 'tokenizer'] as const;

/** transformers.js options with no meaning here, refused with the reason rather than ignored. */
export const REFUSED_PIPELINE_OPTIONS: Readonly<Record<string, string>> = {
  device: "the backend decides where it computes: pass e.g. createOnnxNodeBackend() or createTfjsBackend() as 'backend'",
  session_options: "pass backend options as 'backendOptions'",
  progress_callback: "use 'onProgress'",
  cache_dir: "use 'cacheDir'",
  local_files_only: "use 'localFilesOnly'",
  config: 'the model folder or Hub repo provides config.json',
  model_file_name: 'weights are found as transformers does (model.safetensors, its index, pytorch_model.bin, its index)',
  subfolder: 'give the folder itself (a path or ModelFiles)',
  towers: 'the task chooses the towers it needs',
};

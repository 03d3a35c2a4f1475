import { InputValidationError } from '../errors/InputValidationError.js';

/** Every option of `fromPretrained` / `fromWeights` / `fromConfig` (ModelOptions, FromWeightsOptions, ResolveOptions). */
export const LOAD_OPTION_KEYS: readonly string[] = [
  'backend',
  'dtype',
  'backendOptions',
  'seed',
  'checkpointName',
  'ignoreMismatchedSizes',
  'maxParameterBytes',
  'onWarning',
  'revision',
  'cacheDir',
  'localFilesOnly',
  'token',
  'onProgress',
  'hub',
];

/** HF `from_pretrained` keywords with no counterpart here, with what to do instead. */
const REFUSED: Readonly<Record<string, string>> = {
  torchDtype: "use 'dtype' ('fp32' | 'fp16' | 'int8', as the backend supports)",
  deviceMap: 'the backend decides where the model runs',
  lowCpuMemUsage: 'weights are already read tensor by tensor',
  useSafetensors: 'safetensors is tried first, then pytorch_model.bin, as transformers does',
  trustRemoteCode: 'no remote code is ever run',
  subfolder: 'pass the folder itself (a path or ModelFiles)',
  outputHiddenStates: "HF would write it into the config; pass it per call (forward({ outputHiddenStates })) or set it in config.json",
  outputAttentions: "HF would write it into the config; pass it per call (forward({ outputAttentions })) or set it in config.json",
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Refuses unknown load options by name (HF would pass stray keywords on to the config; here they would vanish). */
export function checkLoadOptions(options: unknown, extra: readonly string[], method: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InputValidationError(`${method}: expected an options object`);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || LOAD_OPTION_KEYS.includes(key) || extra.includes(key)) continue;
    const c = camel(key);
    if (Object.hasOwn(REFUSED, c)) throw new InputValidationError(`${method}: option '${key}' is not supported: ${REFUSED[c]}`);
    const hint = c !== key && (LOAD_OPTION_KEYS.includes(c) || extra.includes(c)) ? ` (options are camelCase here: '${c}')` : '';
    throw new InputValidationError(`${method}: unknown option '${key}'${hint}`);
  }
}

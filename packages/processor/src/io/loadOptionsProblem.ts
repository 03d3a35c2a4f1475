/** `@altclip/hub`'s ResolveOptions: what every processor-side `fromPretrained` passes on to the hub client. */
export const HUB_LOAD_OPTION_KEYS: readonly string[] = ['revision', 'cacheDir', 'localFilesOnly', 'token', 'onProgress', 'hub'];

/** HF `from_pretrained` keywords with no counterpart here, with what to do instead. */
const REFUSED: Readonly<Record<string, string>> = {
  useFast: "use prefer: 'fast' | 'slow' (AltCLIPProcessor.fromPretrained, loadTokenizer) or the tokenizer class itself",
  trustRemoteCode: 'no remote code is ever run',
  subfolder: 'pass the folder itself (a path, a URL or ModelFiles)',
  forceDownload: "delete the cached files, or use hub: { … } options of @altclip/hub's client",
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * What is wrong with a processor-side `fromPretrained`'s options, or null: an unknown key (a typo, snake_case, HF's
 * keywords) would otherwise vanish — for a local folder the hub options are never even read.
 */
export function loadOptionsProblem(options: unknown, extra: readonly string[]): { key: string; why: string } | null {
  if (options === undefined || options === null) return null;
  if (typeof options !== 'object' || Array.isArray(options)) return { key: 'options', why: `expected an object, got ${Array.isArray(options) ? 'an array' : typeof options}` };
  const allowed = [...HUB_LOAD_OPTION_KEYS, ...extra];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || allowed.includes(key)) continue;
    const c = camel(key);
    if (Object.hasOwn(REFUSED, c)) return { key, why: `not supported: ${REFUSED[c]}` };
    const hint = c !== key && allowed.includes(c) ? ` (options are camelCase here: '${c}')` : '';
    return { key, why: `unknown load option${hint} (accepted: ${allowed.join(', ')})` };
  }
  return null;
}

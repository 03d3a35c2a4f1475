import { TokenizerArgumentError } from './TokenizerError.js';

/**
 * Every keyword of HF's `PreTrainedTokenizerBase.__call__` (v4.47.1), camelCased, with what this port does with it.
 * Checked at runtime so a plain-JavaScript caller's typo or an unimplemented option is refused by name, never
 * silently ignored (HF itself only warns "Keyword arguments … not recognized" and carries on).
 */
export const CALL_OPTION_KEYS: readonly string[] = [
  'textPair',
  'addSpecialTokens',
  'padding',
  'truncation',
  'maxLength',
  'padToMultipleOf',
  'paddingSide',
  // HF has truncation_side only as a tokenizer attribute; per call it means the same as setting it for this call.
  'truncationSide',
  'returnTensors',
  'returnTokenTypeIds',
  'returnAttentionMask',
  'returnSpecialTokensMask',
  'returnOffsetsMapping',
  // Not an HF keyword: which unit the offsets count in (JS string units by default, HF's code points on request).
  'offsetsUnit',
  'returnLength',
  'verbose',
  // Accepted only at their defaults (below).
  'stride',
  'isSplitIntoWords',
  'returnOverflowingTokens',
  'textTarget',
  'textPairTarget',
];

/** Options accepted only at the value that does nothing, with why any other value is refused. */
const ONLY_DEFAULT: Readonly<Record<string, { ok: (v: unknown) => boolean; why: string }>> = {
  stride: { ok: (v) => v === 0 || v === null, why: 'only matters with returnOverflowingTokens, which is not implemented' },
  isSplitIntoWords: { ok: (v) => v === false || v === null, why: 'pre-split words are not implemented; join the words into a string' },
  returnOverflowingTokens: { ok: (v) => v === false || v === null, why: 'overflowing tokens are not implemented' },
  textTarget: { ok: (v) => v === null, why: 'AltCLIP has no target (decoder) tokenizer' },
  textPairTarget: { ok: (v) => v === null, why: 'AltCLIP has no target (decoder) tokenizer' },
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Throws `TokenizerArgumentError` naming the first unknown or unsupported option. */
export function checkCallOptions(options: unknown): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) throw new TokenizerArgumentError('options', `expected an object, got ${Array.isArray(options) ? 'an array' : typeof options}`);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!CALL_OPTION_KEYS.includes(key)) {
      const hint = CALL_OPTION_KEYS.includes(camel(key)) ? ` (options are camelCase here: '${camel(key)}')` : '';
      throw new TokenizerArgumentError(key, `unknown tokenizer option${hint}`);
    }
    const rule = ONLY_DEFAULT[key];
    if (rule && !rule.ok(value)) throw new TokenizerArgumentError(key, `${JSON.stringify(value)} is not supported: ${rule.why}`);
  }
  for (const key of ['returnTokenTypeIds', 'returnSpecialTokensMask', 'returnLength', 'returnOffsetsMapping', 'returnAttentionMask', 'addSpecialTokens', 'verbose']) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined && v !== null && typeof v !== 'boolean') throw new TokenizerArgumentError(key, `expected a boolean, got ${JSON.stringify(v)}`);
  }
  const tensors = (options as Record<string, unknown>).returnTensors;
  if (tensors !== undefined && tensors !== null && tensors !== 'int64') {
    // Also reached for an images-only processor call, where HF would hand the value to the image processor.
    throw new TokenizerArgumentError('returnTensors', `expected 'int64' or null, got ${JSON.stringify(tensors)} (ids come as int64 tensors; pixelValues is always a float32 tensor)`);
  }
  for (const key of ['paddingSide', 'truncationSide']) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined && v !== null && v !== 'left' && v !== 'right') throw new TokenizerArgumentError(key, `expected 'left' or 'right', got ${JSON.stringify(v)}`);
  }
}

/** HF `decode` keywords: implemented ones, and `spacesBetweenSpecialTokens` only at HF's default (true). */
export function checkDecodeOptions(options: unknown): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) throw new TokenizerArgumentError('options', `expected an object, got ${Array.isArray(options) ? 'an array' : typeof options}`);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (key === 'skipSpecialTokens' || key === 'cleanUpTokenizationSpaces') {
      if (value !== null && typeof value !== 'boolean') throw new TokenizerArgumentError(key, `expected a boolean, got ${JSON.stringify(value)}`);
      continue;
    }
    if (key === 'spacesBetweenSpecialTokens') {
      if (value !== true) throw new TokenizerArgumentError(key, 'only true (HF\'s default) is implemented');
      continue;
    }
    const hint = ['skipSpecialTokens', 'cleanUpTokenizationSpaces', 'spacesBetweenSpecialTokens'].includes(camel(key)) ? ` (options are camelCase here: '${camel(key)}')` : '';
    throw new TokenizerArgumentError(key, `unknown decode option${hint}`);
  }
}

/** For methods that take only the text: a second argument (HF's `pair`, `add_special_tokens`, kwargs) is refused, not dropped. */
export function refuseExtraArguments(method: string, rest: readonly unknown[]): void {
  if (rest.length > 0 && rest.some((a) => a !== undefined)) {
    throw new TokenizerArgumentError(
      method,
      "takes only the text here (HF's pair / add_special_tokens / split_special_tokens keywords are not implemented); use encode(text, { textPair, addSpecialTokens }) with convertIdsToTokens",
    );
  }
}

import { type FileReader, readJsonObject } from './files/TokenizerFiles.js';
import { TokenizerFileError } from './TokenizerError.js';

/** HF `AddedToken` flags, camelCased. */
export interface AddedTokenSpec {
  content: string;
  lstrip: boolean;
  rstrip: boolean;
  singleWord: boolean;
  normalized: boolean;
  special: boolean;
  /** Given as a bare string (HF then applies the class defaults, e.g. XLM-R's `<mask>` lstrip). */
  plain?: boolean;
}

export type SpecialTokenName = 'bos_token' | 'eos_token' | 'unk_token' | 'sep_token' | 'pad_token' | 'cls_token' | 'mask_token';
export const SPECIAL_TOKEN_NAMES: readonly SpecialTokenName[] = [
  'bos_token',
  'eos_token',
  'unk_token',
  'sep_token',
  'pad_token',
  'cls_token',
  'mask_token',
];

/** What `tokenizer_config.json` + `special_tokens_map.json` contribute (HF defaults where absent). */
export interface TokenizerConfig {
  /** `model_max_length`; HF's VERY_LARGE_INTEGER (1e30) when unset. */
  modelMaxLength: number;
  cleanUpTokenizationSpaces: boolean;
  paddingSide: 'right' | 'left';
  truncationSide: 'right' | 'left';
  tokenizerClass: string | null;
  specialTokens: Partial<Record<SpecialTokenName, AddedTokenSpec>>;
  additionalSpecialTokens: AddedTokenSpec[];
  /** `added_tokens_decoder` keyed by id, when the config has one. */
  addedTokensDecoder: Map<number, AddedTokenSpec> | null;
}

export const VERY_LARGE_INTEGER = 1e30;
const CONFIG = 'tokenizer_config.json';
const MAP = 'special_tokens_map.json';

export async function readTokenizerConfig(reader: FileReader): Promise<TokenizerConfig> {
  // A file that holds `null` is refused like any other non-object (transformers fails on it), not
  // taken for a missing file.
  const config = await readJsonObject(reader, CONFIG);
  const map = await readJsonObject(reader, MAP);
  return parseTokenizerConfig(config ?? {}, map ?? {});
}

export function parseTokenizerConfig(config: Record<string, unknown>, map: Record<string, unknown>): TokenizerConfig {
  const specialTokens: TokenizerConfig['specialTokens'] = {};
  for (const name of SPECIAL_TOKEN_NAMES) {
    // special_tokens_map.json overrides tokenizer_config.json, as in `_from_pretrained`.
    const raw = map[name] ?? config[name];
    if (raw === undefined || raw === null) continue;
    specialTokens[name] = toAddedToken(raw, map[name] !== undefined ? MAP : CONFIG, name, true);
  }
  const additionalRaw = map.additional_special_tokens ?? config.additional_special_tokens ?? [];
  if (!Array.isArray(additionalRaw)) throw new TokenizerFileError(CONFIG, 'additional_special_tokens must be a list');
  const additionalSpecialTokens = additionalRaw.map((t, i) => toAddedToken(t, CONFIG, `additional_special_tokens[${i}]`, true));

  let addedTokensDecoder: Map<number, AddedTokenSpec> | null = null;
  if (config.added_tokens_decoder !== undefined) {
    const dec = config.added_tokens_decoder;
    if (typeof dec !== 'object' || dec === null) throw new TokenizerFileError(CONFIG, 'added_tokens_decoder must be an object');
    addedTokensDecoder = new Map();
    for (const [k, v] of Object.entries(dec)) {
      const id = Number(k);
      if (!Number.isInteger(id) || id < 0) throw new TokenizerFileError(CONFIG, `added_tokens_decoder key ${JSON.stringify(k)} is not a token id`);
      addedTokensDecoder.set(id, toAddedToken(v, CONFIG, `added_tokens_decoder.${k}`, false));
    }
  }
  const mml = config.model_max_length;
  if (mml !== undefined && mml !== null && (typeof mml !== 'number' || !(mml > 0))) {
    throw new TokenizerFileError(CONFIG, `model_max_length must be a positive number, got ${JSON.stringify(mml)}`);
  }
  return {
    modelMaxLength: typeof mml === 'number' ? mml : VERY_LARGE_INTEGER,
    cleanUpTokenizationSpaces: config.clean_up_tokenization_spaces === true,
    paddingSide: config.padding_side === 'left' ? 'left' : 'right',
    truncationSide: config.truncation_side === 'left' ? 'left' : 'right',
    tokenizerClass: typeof config.tokenizer_class === 'string' ? config.tokenizer_class : null,
    specialTokens,
    additionalSpecialTokens,
    addedTokensDecoder,
  };
}

function toAddedToken(raw: unknown, file: string, field: string, special: boolean): AddedTokenSpec {
  if (typeof raw === 'string') return { content: raw, lstrip: false, rstrip: false, singleWord: false, normalized: !special, special, plain: true };
  if (typeof raw === 'object' && raw !== null && typeof (raw as { content?: unknown }).content === 'string') {
    const o = raw as Record<string, unknown>;
    return {
      content: o.content as string,
      lstrip: o.lstrip === true,
      rstrip: o.rstrip === true,
      singleWord: o.single_word === true,
      normalized: typeof o.normalized === 'boolean' ? o.normalized : !special,
      special: typeof o.special === 'boolean' ? o.special : special,
    };
  }
  throw new TokenizerFileError(file, `${field} must be a string or an AddedToken object with "content"`);
}

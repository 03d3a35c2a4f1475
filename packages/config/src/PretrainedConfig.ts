import type { ResolveOptions } from '@altclip/hub';
// biome-ignore-all lint/complexity/noThisInStatic: static factories are polymorphic (`AltCLIPTextConfig.fromDict` builds an AltCLIPTextConfig)
import { ConfigFileError } from './ConfigFileError.js';
import { type ConfigDict, type ConfigSchema, isFloatKind } from './ConfigSchema.js';
import { type ConfigProblem, ConfigValidationError } from './ConfigValidationError.js';
import { checkField } from './checkField.js';
import { importNodeFs, joinPath } from './nodeFs.js';
import { PRETRAINED_CONFIG_DEFAULTS, PRETRAINED_CONFIG_FLOAT_KEYS, UNSERIALISED_KEYS } from './pretrainedConfigDefaults.js';
import { pythonEquals } from './pythonEquals.js';
import { cloneJson, copyEntry, isMarkedFloat, literalStyle, markFloat, markIntKeyed, markNumberStylesKnown, setOwn } from './pythonNumberStyle.js';
import { isPlainObject } from './isPlainObject.js';
import { CONFIG_NAME, type ConfigSource, parseConfigText, readConfigJson } from './readConfigJson.js';
import { toPythonJson } from './toPythonJson.js';

export type { ConfigDict, ConfigSchema } from './ConfigSchema.js';

/** The transformers release whose config behaviour this package mirrors; written when a config has no version. */
export const TRANSFORMERS_VERSION = '4.47.1';

export interface ConfigOptions {
  /** Names the file, URL or argument in error messages (default: the model type). */
  readonly source?: string;
}

/** `fromPretrained`'s options: the hub ones (revision, cacheDir, localFilesOnly, token, onProgress, …) for a hub id. */
export interface ConfigFromPretrainedOptions extends ConfigOptions, ResolveOptions {}

/** The static side of a concrete config class, for the `this`-typed factory methods. */
export interface ConfigClass<T extends PretrainedConfig> {
  new (init?: never, options?: ConfigOptions): T;
  selectFrom(dict: ConfigDict): ConfigDict;
}

/** HF keys int-valued dicts by int; Python then sorts them numerically when saving. */
const INT_KEYED = new Set(['id2label', 'pruned_heads']);

/** HF's `int(key)` for id2label keys read from JSON ("01" and "1" are the same label). */
function normaliseIntKeys(obj: ConfigDict): ConfigDict {
  const out: ConfigDict = {};
  for (const [k, v] of Object.entries(obj)) setOwn(out, /^\s*[+-]?\d+\s*$/.test(k) ? String(Number.parseInt(k, 10)) : k, v);
  markIntKeyed(out);
  return out;
}

const classDefaults = new WeakMap<object, ConfigDict>();

/**
 * Mirror of HF transformers' `PretrainedConfig` (v4.47.1) for one model type: the fields in `schema` become typed
 * snake_case properties, every other key (HF's generic attributes, FlagAI leftovers such as `num_layers`) is kept
 * verbatim in `extra` and written back by `savePretrained`. Construction validates everything and reports every
 * problem in one `ConfigValidationError`.
 */
export abstract class PretrainedConfig {
  static readonly modelType: string = '';
  static readonly schema: ConfigSchema = {};
  /** Key under which a composite config nests this one (`from_pretrained` on a full config.json picks it). */
  static readonly baseConfigKey: string = '';
  /** Keys a subclass consumes itself; they never land in `extra`. */
  protected static readonly reservedKeys: ReadonlySet<string> = new Set();

  readonly model_type: string;
  /** The `transformers_version` of the file this came from; `savePretrained` writes it back unchanged. */
  readonly transformers_version: string | undefined;
  /** Keys this class has no typed field for, exactly as loaded (HF keeps them as attributes too). */
  readonly extra: Readonly<ConfigDict>;

  /** Schema fields whose number literal style differs from the schema kind (e.g. `"hidden_size": 32.0`). */
  readonly #floatLiterals = new Set<string>();
  readonly #intLiterals = new Set<string>();

  constructor(init: ConfigDict = {}, options: ConfigOptions = {}) {
    const cls = new.target as unknown as typeof PretrainedConfig;
    const source = options.source ?? `${cls.modelType} config`;
    if (!isPlainObject(init)) throw new ConfigValidationError([{ field: '', expected: 'a JSON object', actual: init }], source);
    const problems = cls.problemsIn(init);
    if (problems.length > 0) throw new ConfigValidationError(problems, source);

    const self = this as unknown as Record<string, unknown>;
    for (const [key, spec] of Object.entries(cls.schema)) {
      const given = init[key] !== undefined;
      self[key] = given ? cloneJson(init[key]) : spec.default;
      const style = given ? literalStyle(init, key) : undefined;
      if (style === 'float' && !isFloatKind(spec.kind)) this.#floatLiterals.add(key);
      if (style === 'int' && isFloatKind(spec.kind)) this.#intLiterals.add(key);
    }
    this.model_type = cls.modelType;
    this.transformers_version = typeof init.transformers_version === 'string' ? init.transformers_version : undefined;

    const extra: ConfigDict = {};
    for (const key of Object.keys(init)) {
      if (Object.hasOwn(cls.schema, key) || key === 'model_type' || key === 'transformers_version') continue;
      if (cls.reservedKeys.has(key) || UNSERIALISED_KEYS.has(key) || key === 'xla_device' || key === 'num_labels') continue;
      const target = key === 'name_or_path' ? '_name_or_path' : key;
      let value = cloneJson(init[key]);
      if (INT_KEYED.has(key) && isPlainObject(value)) value = normaliseIntKeys(value);
      setOwn(extra, target, value);
      if (literalStyle(init, key) === 'float') markFloat(extra, target);
    }
    // HF's `num_labels` (when no id2label is given) expands to LABEL_i maps and is not stored itself.
    const numLabels = init.num_labels;
    if (extra.id2label == null && typeof numLabels === 'number' && Number.isInteger(numLabels) && numLabels >= 0 && numLabels !== 2) {
      const id2label: ConfigDict = {};
      const label2id: ConfigDict = {};
      for (let i = 0; i < numLabels; i++) {
        id2label[String(i)] = `LABEL_${i}`;
        label2id[`LABEL_${i}`] = i;
      }
      markIntKeyed(id2label);
      extra.id2label = id2label;
      extra.label2id = label2id;
    }
    this.extra = extra;
  }

  /**
   * Every problem with `dict` as input to this class, with field paths prefixed by `prefix` (e.g. `text_config.`).
   * Cross-field rules run only on fields that are individually valid, so one mistake yields one message.
   */
  static problemsIn(dict: ConfigDict, prefix = ''): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (dict.model_type !== undefined && dict.model_type !== this.modelType) {
      problems.push({ field: `${prefix}model_type`, expected: `"${this.modelType}"`, actual: dict.model_type });
    }
    const tv = dict.transformers_version;
    if (tv !== undefined && tv !== null && typeof tv !== 'string') {
      problems.push({ field: `${prefix}transformers_version`, expected: 'a version string', actual: tv });
    }
    for (const key of INT_KEYED) {
      if (dict[key] != null && !isPlainObject(dict[key])) problems.push({ field: `${prefix}${key}`, expected: 'an object', actual: dict[key] });
    }
    const valid: ConfigDict = {};
    for (const [key, spec] of Object.entries(this.schema)) {
      const value = dict[key] === undefined ? spec.default : dict[key];
      const problem = checkField(`${prefix}${key}`, spec, value);
      if (problem) problems.push(problem);
      else valid[key] = value;
    }
    problems.push(...this.crossFieldProblems(valid, prefix));
    return problems;
  }

  /** Rules that relate fields (e.g. heads dividing the hidden size); `valid` holds only fields that passed alone. */
  protected static crossFieldProblems(_valid: ConfigDict, _prefix: string): ConfigProblem[] {
    return [];
  }

  /** Builds a config from a config.json-shaped object (HF's `from_dict`). */
  static fromDict<T extends PretrainedConfig>(this: ConfigClass<T>, obj: ConfigDict, options: ConfigOptions = {}): T {
    return new this(obj as never, options);
  }

  /** Builds a config from config.json text; syntax errors name `source` with line and column. */
  static fromJsonString<T extends PretrainedConfig>(this: ConfigClass<T>, text: string, options: ConfigOptions = {}): T {
    const source = options.source ?? 'JSON string';
    return new this(this.selectFrom(parseConfigText(text, source)) as never, { source });
  }

  /**
   * HF's `from_pretrained`: a model directory, a config.json path, a hub id (HF's cache; `options` as HF's
   * keywords), ModelFiles, an http(s) or file URL, JSON text or an object.
   * Reading files uses Node's fs (imported only when needed); in browsers paths are fetched relative to the page.
   * A sub-config class given a full composite config.json takes its own part of it, as HF does.
   */
  static async fromPretrained<T extends PretrainedConfig>(this: ConfigClass<T>, src: ConfigSource, options: ConfigFromPretrainedOptions = {}): Promise<T> {
    const { dict, source } = await readConfigJson(src, options);
    return new this(this.selectFrom(dict) as never, { source: options.source ?? source });
  }

  /**
   * HF v4.47.1 `from_pretrained`: take `dict[baseConfigKey]` when present; if the model type still differs, take
   * the nested object whose `model_type` matches this class.
   */
  static selectFrom(dict: ConfigDict): ConfigDict {
    let selected = dict;
    if (this.baseConfigKey && isPlainObject(dict[this.baseConfigKey]) && dict.model_type !== this.modelType) {
      selected = dict[this.baseConfigKey] as ConfigDict;
    }
    if (selected.model_type !== undefined && selected.model_type !== this.modelType) {
      for (const value of Object.values(selected)) {
        if (isPlainObject(value) && value.model_type === this.modelType) selected = value;
      }
    }
    return selected;
  }

  /** HF's `to_dict()`: every attribute, HF's generic ones included, plus `model_type` and `transformers_version`. */
  toDict(): ConfigDict {
    const cls = this.constructor as typeof PretrainedConfig;
    const out: ConfigDict = {};
    for (const [key, value] of Object.entries(PRETRAINED_CONFIG_DEFAULTS)) {
      setOwn(out, key, cloneJson(value));
      if (PRETRAINED_CONFIG_FLOAT_KEYS.has(key)) markFloat(out, key);
    }
    markIntKeyed(out.id2label as object);
    markIntKeyed(out.pruned_heads as object);
    for (const key of Object.keys(this.extra)) {
      setOwn(out, key, cloneJson(this.extra[key]));
      markFloat(out, key, isMarkedFloat(this.extra, key));
    }
    const self = this as unknown as Record<string, unknown>;
    for (const [key, spec] of Object.entries(cls.schema)) {
      setOwn(out, key, cloneJson(self[key]));
      markFloat(out, key, this.#floatLiterals.has(key) || (isFloatKind(spec.kind) && !this.#intLiterals.has(key)));
    }
    this.addOwnEntries(out);
    out.model_type = cls.modelType;
    out.transformers_version = this.transformers_version ?? TRANSFORMERS_VERSION;
    markNumberStylesKnown(out);
    return out;
  }

  /** Hook for composite configs to add nested configs and fixed fields to `toDict()`. */
  protected addOwnEntries(_out: ConfigDict): void {}

  /** The nested config stored under `key`, if any (composite configs override). */
  protected subConfig(_key: string): PretrainedConfig | undefined {
    return undefined;
  }

  /**
   * HF's `to_diff_dict()`: what `savePretrained` writes. Top-level keys are kept when HF's generic defaults or this
   * class's defaults differ (and always `model_type`/`transformers_version`); nested configs keep only the fields
   * that differ from their class defaults, plus their `model_type`.
   */
  toDiffDict(): ConfigDict {
    const cls = this.constructor as typeof PretrainedConfig;
    const config = this.toDict();
    const generic: ConfigDict = { ...PRETRAINED_CONFIG_DEFAULTS, model_type: '', transformers_version: TRANSFORMERS_VERSION };
    const classDefault = cls.defaultDict();
    const out: ConfigDict = {};
    for (const key of Object.keys(config)) {
      const value = config[key];
      const sub = this.subConfig(key);
      if (sub && isPlainObject(value) && isPlainObject(classDefault[key])) {
        const diff = nestedDiff(value, classDefault[key] as ConfigDict, (sub.constructor as typeof PretrainedConfig).defaultDict());
        if (value.model_type !== undefined) diff.model_type = value.model_type;
        if (Object.keys(diff).length > 0) out[key] = diff;
        markNumberStylesKnown(diff);
      } else if (
        !Object.hasOwn(generic, key) ||
        key === 'transformers_version' ||
        !pythonEquals(value, generic[key]) ||
        (Object.hasOwn(classDefault, key) && !pythonEquals(value, classDefault[key]))
      ) {
        copyEntry(config, out, key);
      }
    }
    markNumberStylesKnown(out);
    return out;
  }

  /** `toDict()` of a default-constructed instance of this class (cached). */
  static defaultDict(): ConfigDict {
    let dict = classDefaults.get(this);
    if (!dict) {
      dict = new (this as unknown as new () => PretrainedConfig)().toDict();
      classDefaults.set(this, dict);
    }
    return dict;
  }

  /** HF's `to_json_string(use_diff)`: `json.dumps(..., indent=2, sort_keys=True) + "\n"`, byte for byte. */
  toJsonString(useDiff = true): string {
    return `${toPythonJson(useDiff ? this.toDiffDict() : this.toDict())}\n`;
  }

  /**
   * HF's `save_pretrained(dir)`: creates `dir` if needed and writes `dir/config.json` (Node only). Returns the path.
   */
  async savePretrained(dir: string): Promise<string> {
    const fs = await importNodeFs();
    if (!fs) throw new ConfigFileError(dir, 'savePretrained needs a file system (Node); use toJsonString() elsewhere');
    const stat = await fs.stat(dir).catch(() => undefined);
    if (stat && !stat.isDirectory()) throw new ConfigFileError(dir, 'expected a directory to save config.json in, found a file');
    await fs.mkdir(dir, { recursive: true });
    const file = joinPath(dir, CONFIG_NAME);
    await fs.writeFile(file, this.toJsonString(true), 'utf8');
    return file;
  }
}

/** HF's `recursive_diff_dict` for a nested config against its class defaults. */
function nestedDiff(value: ConfigDict, defaults: ConfigDict, classDefault: ConfigDict): ConfigDict {
  const diff: ConfigDict = {};
  for (const key of Object.keys(value)) {
    if (
      !Object.hasOwn(defaults, key) ||
      !pythonEquals(value[key], defaults[key]) ||
      !Object.hasOwn(classDefault, key) ||
      !pythonEquals(value[key], classDefault[key])
    ) {
      copyEntry(value, diff, key);
    }
  }
  return diff;
}

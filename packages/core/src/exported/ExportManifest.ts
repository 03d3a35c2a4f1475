import type { WeightDType } from '../backend/AltCLIPBackend.js';
import { ExportedModelError } from './ExportedModelError.js';

/** The file that marks a folder as an exported model (and describes it). */
export const EXPORT_MANIFEST_FILE = 'altclip_export.json';
/** Tensors core computes with itself (logit_scale, the vision position table), HF names, safetensors. */
export const EXPORT_EXTRAS_FILE = 'altclip_extras.safetensors';
/** Version of the manifest layout below; a reader refuses versions it does not know. */
export const EXPORT_MANIFEST_VERSION = 1;

export interface ExportedFileEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface ExportedTowerEntry {
  readonly graph: string;
  readonly allOutputsGraph?: string;
  readonly externalData: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export interface ExportManifest {
  readonly format: 'altclip-export';
  readonly version: number;
  /** `<format>/<version>` of the graphs, matched against a backend's `capabilities.artifacts`. */
  readonly artifact: string;
  readonly dtype: WeightDType;
  readonly towers: Readonly<Partial<Record<'text' | 'vision', ExportedTowerEntry>>>;
  readonly files: readonly ExportedFileEntry[];
  /** Backend-specific facts (graph format version, opset, schemes, build options), passed through. */
  readonly backend: Readonly<Record<string, unknown>>;
  /** Accuracy measured at export time (free form, for people and reports). */
  readonly parity?: unknown;
}

const DTYPES: readonly WeightDType[] = ['fp32', 'fp16', 'int8', 'q4'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
/** A repository-relative file name: no absolute paths, no `..`, no backslashes. */
const isRelativeFile = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 512 && !v.startsWith('/') && !v.includes('\\') && !v.split('/').includes('..');

/** Parses and checks altclip_export.json; `where` names the file in messages. */
export function parseExportManifest(text: string, where: string): ExportManifest {
  const fail = (field: string, expected: string): never => {
    throw new ExportedModelError(`${where}: field "${field}": expected ${expected}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExportedModelError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(json)) return fail('(root)', 'an object');
  if (json.format !== 'altclip-export') fail('format', "'altclip-export'");
  if (json.version !== EXPORT_MANIFEST_VERSION) fail('version', `${EXPORT_MANIFEST_VERSION} (this @altclip/core reads manifest version ${EXPORT_MANIFEST_VERSION} only; got ${JSON.stringify(json.version)})`);
  if (typeof json.artifact !== 'string' || !/^[\w.-]+\/\d+$/.test(json.artifact)) fail('artifact', "'<format>/<version>', e.g. 'onnx/1'");
  if (!DTYPES.includes(json.dtype as WeightDType)) fail('dtype', `one of ${DTYPES.join(', ')}`);
  if (!isObject(json.towers)) return fail('towers', 'an object');
  const towers: Partial<Record<'text' | 'vision', ExportedTowerEntry>> = {};
  for (const [name, entry] of Object.entries(json.towers)) {
    if (name !== 'text' && name !== 'vision') fail(`towers.${name}`, "only 'text' and 'vision'");
    if (!isObject(entry)) return fail(`towers.${name}`, 'an object');
    if (!isRelativeFile(entry.graph)) fail(`towers.${name}.graph`, 'a relative file name');
    if (entry.allOutputsGraph !== undefined && !isRelativeFile(entry.allOutputsGraph)) fail(`towers.${name}.allOutputsGraph`, 'a relative file name');
    if (!Array.isArray(entry.externalData) || !entry.externalData.every(isRelativeFile)) fail(`towers.${name}.externalData`, 'an array of relative file names');
    if (!isStringArray(entry.inputs)) fail(`towers.${name}.inputs`, 'an array of strings');
    if (!isStringArray(entry.outputs)) fail(`towers.${name}.outputs`, 'an array of strings');
    towers[name as 'text' | 'vision'] = entry as unknown as ExportedTowerEntry;
  }
  if (!towers.text && !towers.vision) fail('towers', 'at least one of text, vision');
  if (!Array.isArray(json.files)) return fail('files', 'an array');
  for (const [i, f] of json.files.entries()) {
    if (!isObject(f) || !isRelativeFile(f.path) || !Number.isSafeInteger(f.size) || (f.size as number) < 0 || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      fail(`files[${i}]`, '{ path: relative file name, size: integer ≥ 0, sha256: 64 hex digits }');
    }
  }
  if (!isObject(json.backend)) fail('backend', 'an object');
  return json as unknown as ExportManifest;
}

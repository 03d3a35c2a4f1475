import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';

/** HF's size dict: exactly one of the key sets in `VALID_SIZE_DICT_KEYS`. */
export type SizeDict =
  | { readonly shortest_edge: number }
  | { readonly height: number; readonly width: number }
  | { readonly shortest_edge: number; readonly longest_edge: number }
  | { readonly longest_edge: number }
  | { readonly max_height: number; readonly max_width: number };

const VALID_KEY_SETS = [['height', 'width'], ['shortest_edge'], ['shortest_edge', 'longest_edge'], ['longest_edge'], ['max_height', 'max_width']];

/**
 * `transformers.image_processing_utils.get_size_dict` (v4.47.1): an integer means `{height: n, width: n}`
 * when `defaultToSquare` (crop_size) and `{shortest_edge: n}` otherwise (CLIP's `size`); a 2-list is
 * `(height, width)`; a dict must use one of HF's key sets exactly.
 */
export function getSizeDict(value: unknown, defaultToSquare: boolean, field: string, file: string): SizeDict {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) throw new ProcessorConfigError(file, `${field} must be a positive integer, got ${value}`);
    return defaultToSquare ? { height: value, width: value } : { shortest_edge: value };
  }
  if (Array.isArray(value)) {
    if (value.length !== 2) throw new ProcessorConfigError(file, `${field} as a list must be [height, width], got ${JSON.stringify(value)}`);
    return checkValues({ height: value[0], width: value[1] }, field, file) as SizeDict;
  }
  if (typeof value !== 'object' || value === null) {
    throw new ProcessorConfigError(file, `${field} must be an integer, [height, width] or a size dict, got ${JSON.stringify(value)}`);
  }
  const keys = Object.keys(value).sort();
  if (!VALID_KEY_SETS.some((set) => set.length === keys.length && [...set].sort().every((k, i) => k === keys[i]))) {
    throw new ProcessorConfigError(
      file,
      `${field} must have one of the key sets {height, width}, {shortest_edge}, {shortest_edge, longest_edge}, {longest_edge}, {max_height, max_width}; got {${keys.join(', ')}}`,
    );
  }
  return checkValues(value as Record<string, unknown>, field, file) as SizeDict;
}

function checkValues(dict: Record<string, unknown>, field: string, file: string): Record<string, number> {
  for (const [k, v] of Object.entries(dict)) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new ProcessorConfigError(file, `${field}.${k} must be a positive integer, got ${JSON.stringify(v)}`);
    }
  }
  return dict as Record<string, number>;
}

import { formatPythonFloat } from './formatPythonFloat.js';
import { isIntKeyed, isMarkedFloat } from './pythonNumberStyle.js';

/** Python `json.dumps` string escaping with the default `ensure_ascii=True`. */
function pythonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Python sorts keys by code point. UTF-16 code-unit order agrees except where a surrogate is involved, so the
 * common case compares units in place (sorting a config's keys was the bulk of saving it) and only strings
 * that differ at a surrogate take the exact path.
 */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (isSurrogate(x) || isSurrogate(y)) return compareByCodePoints(a, b);
    return x - y;
  }
  return a.length - b.length;
}

function compareByCodePoints(a: string, b: string): number {
  const ia = [...a];
  const ib = [...b];
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    const d = (ia[i].codePointAt(0) ?? 0) - (ib[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ia.length - ib.length;
}

function sortedKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  // HF keys id2label/pruned_heads by int, and Python sorts int keys numerically.
  if (isIntKeyed(obj) && keys.every((k) => /^-?\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b));
  return keys.sort(compareCodePoints);
}

function write(value: unknown, container: object | undefined, key: string, indent: string, step: string): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    const asFloat = !Number.isInteger(value) || (container !== undefined && isMarkedFloat(container, key));
    return asFloat ? formatPythonFloat(value) : String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pythonString(value);
  const inner = indent + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v, i) => inner + write(v, value, String(i), inner, step));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const keys = sortedKeys(value);
    if (keys.length === 0) return '{}';
    const rec = value as Record<string, unknown>;
    const items = keys.map((k) => `${inner}${pythonString(k)}: ${write(rec[k], value, k, inner, step)}`);
    return `{\n${items.join(',\n')}\n${indent}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value} as JSON`);
}

/**
 * `json.dumps(value, indent=2, sort_keys=True)` byte for byte, the way HF's `to_json_string` writes config.json
 * (the caller adds HF's trailing newline). Integral numbers marked as Python floats print as `1.0`.
 */
export function toPythonJson(value: unknown, indent = 2): string {
  return write(value, undefined, '', '', ' '.repeat(indent));
}

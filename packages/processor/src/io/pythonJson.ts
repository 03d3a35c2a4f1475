/**
 * Python's `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=…)`, which HF's savers call, so files written
 * here are byte-identical to HF's for the same content. JSON.parse loses whether a number was written `1` or `1.0`:
 * integers are written as Python ints (exact, also past 2^53, e.g. model_max_length's 1e30) unless `isFloat` says
 * the value at that key path is a float, and other numbers as Python's float repr.
 */
export function pythonJsonDumps(value: unknown, options: { ensureAscii: boolean; isFloat?: (path: readonly string[]) => boolean }): string {
  return `${write(value, [], '', options)}\n`;
}

function write(value: unknown, path: string[], indent: string, options: { ensureAscii: boolean; isFloat?: (path: readonly string[]) => boolean }): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) && !options.isFloat?.(path) ? BigInt(value).toString() : pythonFloatRepr(value);
  if (typeof value === 'string') return pythonString(value, options.ensureAscii);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v, i) => inner + write(v, [...path, String(i)], inner, options)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value as object).sort(compareCodePoints);
  if (keys.length === 0) return '{}';
  const entries = keys.map((k) => `${inner}${pythonString(k, options.ensureAscii)}: ${write((value as Record<string, unknown>)[k], [...path, k], inner, options)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** `repr(float)`: shortest round-trip digits, fixed notation for exponents -4…15, else `d.ddde±XX`. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${whole}.${frac || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function pythonString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function compareCodePoints(a: string, b: string): number {
  const ia = [...a];
  const ib = [...b];
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    const d = (ia[i].codePointAt(0) ?? 0) - (ib[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ia.length - ib.length;
}

/**
 * Python's `==` on JSON values, which `to_diff_dict` uses to decide what to leave out: `True == 1`, `1 == 1.0`,
 * lists and dicts compare deeply (dict key order ignored).
 */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = typeof a === 'boolean' ? Number(a) : a;
  const nb = typeof b === 'boolean' ? Number(b) : b;
  if (typeof na === 'number' && typeof nb === 'number') return na === nb;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => pythonEquals(v, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    const rb = b as Record<string, unknown>;
    const ra = a as Record<string, unknown>;
    return ka.every((k) => Object.hasOwn(rb, k) && pythonEquals(ra[k], rb[k]));
  }
  return false;
}

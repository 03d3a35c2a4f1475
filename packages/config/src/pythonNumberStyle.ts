/**
 * JavaScript has one number type, Python two: HF writes `1.0` for a float and `1` for an int. To write config.json
 * byte-for-byte as HF does we remember, beside the plain objects, which entries held a Python float with an integral
 * value (other values print the same either way). Kept in a WeakMap so the objects users see stay plain JSON.
 */
const floatKeys = new WeakMap<object, Set<string>>();
/**
 * Objects whose number styles are all recorded (parsed from JSON text, or built by `toDict`): there an unmarked
 * integral number is a Python int. For objects built in JavaScript the schema decides instead.
 */
const stylesKnown = new WeakSet<object>();
/** Objects HF keys by int (`id2label`, `pruned_heads`), which Python's `sort_keys` orders numerically. */
const intKeyed = new WeakSet<object>();

export function markFloat(container: object, key: string, isFloat = true): void {
  let keys = floatKeys.get(container);
  if (isFloat) {
    if (!keys) {
      keys = new Set();
      floatKeys.set(container, keys);
    }
    keys.add(key);
  } else keys?.delete(key);
}

export function isMarkedFloat(container: object, key: string): boolean {
  return floatKeys.get(container)?.has(key) ?? false;
}

export function markNumberStylesKnown(container: object): void {
  stylesKnown.add(container);
}

/** 'float' / 'int' when the container's number styles are known, undefined when it was built in JavaScript. */
export function literalStyle(container: object, key: string): 'int' | 'float' | undefined {
  if (isMarkedFloat(container, key)) return 'float';
  return stylesKnown.has(container) ? 'int' : undefined;
}

export function markIntKeyed(container: object): void {
  intKeyed.add(container);
}

export function isIntKeyed(container: object): boolean {
  return intKeyed.has(container);
}

/** Deep copy of a JSON value that carries the float and int-key marks along. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) {
    const out = value.map((v) => cloneJson(v));
    for (let i = 0; i < value.length; i++) if (isMarkedFloat(value, String(i))) markFloat(out, String(i));
    if (stylesKnown.has(value)) stylesKnown.add(out);
    return out as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      setOwn(out, k, cloneJson(v));
      if (isMarkedFloat(value, k)) markFloat(out, k);
    }
    if (stylesKnown.has(value)) stylesKnown.add(out);
    if (intKeyed.has(value)) intKeyed.add(out);
    return out as T;
  }
  return value;
}

/** Copies `from[key]` into `to[key]` with its float mark. */
export function copyEntry(from: object, to: Record<string, unknown>, key: string): void {
  setOwn(to, key, (from as Record<string, unknown>)[key]);
  if (isMarkedFloat(from, key)) markFloat(to, key);
}

/** Plain assignment would turn a `__proto__` key from a JSON file into a prototype change. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * The Python values a restricted unpickler can produce. Python lists are JS arrays; tuples and dicts get
 * their own classes so that APPEND/SETITEM can be refused on the wrong kind of object, as CPython would.
 */
export class PickleTuple {
  constructor(readonly items: readonly unknown[]) {}
}

export type PickleDictKey = string | number | bigint | boolean | null;

export class PickleDict {
  readonly entries = new Map<PickleDictKey, unknown>();
  /** Attributes set through BUILD (an OrderedDict state_dict carries `_metadata` this way). */
  readonly attributes = new Map<string, unknown>();

  constructor(readonly ordered = false) {}
}

/**
 * A global the allowlist resolved. It is only a name plus, where the global is callable, a pure TypeScript
 * stand-in for what REDUCE/NEWOBJ would do in Python — nothing is ever looked up dynamically.
 */
export class PickleGlobal {
  constructor(
    readonly qualifiedName: string,
    readonly call?: (args: readonly unknown[]) => unknown,
  ) {}
}

/** Objects that accept BUILD (Python's `__setstate__`). */
export interface PickleBuildTarget {
  setState(state: unknown): void;
}

export function isBuildTarget(value: unknown): value is PickleBuildTarget {
  return typeof value === 'object' && value !== null && typeof (value as Partial<PickleBuildTarget>).setState === 'function';
}

const MAX_DESCRIBED = 60;

/**
 * A short, non-recursive description of an unpickled value for error messages. Never `String(value)`: memoised
 * lists nest a few hundred bytes into a "billion laughs" structure whose text is gigabytes long, and deep
 * nesting overflows the stack of any recursive printer.
 */
export function describePickleValue(value: unknown): string {
  if (value === null) return 'None';
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'string':
      return value.length > MAX_DESCRIBED ? `a string of ${value.length} characters` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  if (value instanceof PickleTuple) return `a tuple of ${value.items.length} items`;
  if (value instanceof PickleDict) return `a dict of ${value.entries.size} items`;
  if (value instanceof PickleGlobal) return value.qualifiedName;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return `a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`;
}

import { describe, expect, it } from 'vitest';
import { ConfigJsonSyntaxError } from './ConfigJsonSyntaxError.js';
import { MAX_JSON_DEPTH, parseConfigJson } from './parseConfigJson.js';
import { isMarkedFloat } from './pythonNumberStyle.js';

function syntaxError(text: string): ConfigJsonSyntaxError {
  try {
    parseConfigJson(text, 'f.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigJsonSyntaxError);
    return e as ConfigJsonSyntaxError;
  }
  throw new Error('parsed without error');
}

describe('parseConfigJson', () => {
  it('parses what JSON.parse parses', () => {
    const text = '{"a": [1, -2.5e3, "x\\u00e9\\n", true, false, null], "b": {"c": {}}, "d": []}';
    expect(parseConfigJson(text, 'f')).toEqual(JSON.parse(text));
  });

  it('marks float literals, including integral ones', () => {
    const obj = parseConfigJson('{"a": 1.0, "b": 1, "c": 1e2, "d": [0.0, 0]}', 'f') as Record<string, unknown>;
    expect(isMarkedFloat(obj, 'a')).toBe(true);
    expect(isMarkedFloat(obj, 'b')).toBe(false);
    expect(isMarkedFloat(obj, 'c')).toBe(true);
    expect(isMarkedFloat(obj.d as object, '0')).toBe(true);
    expect(isMarkedFloat(obj.d as object, '1')).toBe(false);
  });

  it("accepts Python's NaN and Infinity", () => {
    expect(parseConfigJson('[NaN, Infinity, -Infinity]', 'f')).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('keeps a __proto__ key as data', () => {
    const obj = parseConfigJson('{"__proto__": {"polluted": 1}}', 'f') as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.keys(obj)).toEqual(['__proto__']);
  });

  it('skips a UTF-8 BOM', () => {
    expect(parseConfigJson('\ufeff{"a": 1}', 'f')).toEqual({ a: 1 });
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'double-quoted property name'],
    ['{"a" 1}', 1, 6, "expected ':'"],
    ['{\n  "a": 01\n}', 2, 9, 'invalid number'],
    ['{\n  "a": tru\n}', 2, 8, 'expected a JSON value'],
    ["{'a': 1}", 1, 2, 'double-quoted property name'],
    ['{"a": "x\ny"}', 1, 9, 'control character'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape'],
    ['{"a": 1} x', 1, 10, 'after the end'],
    ['{"a": "abc', 1, 7, 'unterminated string'],
    ['[1, 2', 1, 6, 'end of file'],
    ['{"a": -}', 1, 7, "digit after '-'"],
  ])('%j → line %i, column %i', (text, line, column, reason) => {
    const e = syntaxError(text);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.reason).toContain(reason);
    expect(e.message.startsWith(`f.json:${line}:${column}: malformed JSON: `)).toBe(true);
  });
});

describe('parseConfigJson nesting', () => {
  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels with a syntax error, not a stack overflow`, () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(() => parseConfigJson(deep(MAX_JSON_DEPTH), 'f')).not.toThrow();
    expect(() => parseConfigJson(deep(MAX_JSON_DEPTH + 1), 'f')).toThrow(ConfigJsonSyntaxError);
    expect(() => parseConfigJson(`{"a": ${deep(100_000)}}`, 'f')).toThrow(/f:1:518: malformed JSON: nesting deeper than 512 levels/);
  });
});

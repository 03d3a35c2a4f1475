import { describe, expect, it } from 'vitest';
import { parseConfigJson } from './parseConfigJson.js';
import { markFloat, markIntKeyed } from './pythonNumberStyle.js';
import { toPythonJson } from './toPythonJson.js';

describe('toPythonJson (json.dumps(indent=2, sort_keys=True))', () => {
  it('sorts keys, indents by two, and writes empty containers inline', () => {
    expect(toPythonJson({ b: [], a: {}, c: [1, { z: null, y: true }] })).toBe(
      '{\n  "a": {},\n  "b": [],\n  "c": [\n    1,\n    {\n      "y": true,\n      "z": null\n    }\n  ]\n}',
    );
  });

  it('escapes like ensure_ascii=True', () => {
    expect(toPythonJson('a"b\\c\n\t\u0001é€😀/\u007f')).toBe('"a\\"b\\\\c\\n\\t\\u0001\\u00e9\\u20ac\\ud83d\\ude00/\\u007f"');
  });

  it('sorts keys by code point, as Python does', () => {
    expect(toPythonJson({ b: 1, B: 2, _a: 3, a: 4 })).toBe('{\n  "B": 2,\n  "_a": 3,\n  "a": 4,\n  "b": 1\n}');
  });

  it('writes marked integral floats with .0', () => {
    const obj = { f: 1, i: 1, x: 0.5 };
    markFloat(obj, 'f');
    expect(toPythonJson(obj)).toBe('{\n  "f": 1.0,\n  "i": 1,\n  "x": 0.5\n}');
  });

  it('sorts int-keyed dicts (id2label) numerically', () => {
    const obj = { '10': 'c', '2': 'b', '0': 'a' };
    markIntKeyed(obj);
    expect(toPythonJson(obj)).toBe('{\n  "0": "a",\n  "2": "b",\n  "10": "c"\n}');
  });

  it('keeps the number style of parsed text', () => {
    const text = '{\n  "a": 1.0,\n  "b": [\n    2,\n    3.0,\n    1e-05\n  ],\n  "c": -0.0\n}';
    expect(toPythonJson(parseConfigJson(text, 't'))).toBe(text);
  });
});

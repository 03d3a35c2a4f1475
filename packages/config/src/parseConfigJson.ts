import { ConfigJsonSyntaxError } from './ConfigJsonSyntaxError.js';
import { markFloat, markNumberStylesKnown, setOwn } from './pythonNumberStyle.js';

/**
 * A JSON parser for config files. Unlike `JSON.parse` it (a) reports the 1-based line and column of an error with
 * the file name, the same in every JS engine, (b) remembers which numbers were written as floats (`1.0`) so saving
 * writes them back the same way, and (c) accepts `NaN`, `Infinity` and `-Infinity`, as Python's `json.loads` does.
 */
export function parseConfigJson(text: string, source: string): unknown {
  return new Parser(text, source).parseDocument();
}

/**
 * Deepest nesting of arrays and objects accepted. Python's json gives up near 1,000 (RecursionError); this
 * parser, and everything that walks a config afterwards, recurses, so a file of `[[[[…` must be refused before
 * the JS stack overflows with a raw RangeError. No config nests more than a few levels.
 */
export const MAX_JSON_DEPTH = 512;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  parseDocument(): unknown {
    // A UTF-8 byte order mark is an encoding artefact, not content.
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('the file is empty; expected a JSON object');
    const value = this.parseValue(undefined, '');
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
    return value;
  }

  private fail(reason: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.text.length; i++) {
      if (this.text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    throw new ConfigJsonSyntaxError(this.source, reason, line, at - lineStart + 1, at);
  }

  private describe(): string {
    if (this.pos >= this.text.length) return 'end of file';
    return `character ${JSON.stringify(this.text[this.pos])}`;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else break;
    }
  }

  private parseValue(container: object | undefined, key: string): unknown {
    const c = this.text[this.pos];
    if (c === '{' || c === '[') {
      if (this.depth >= MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
      this.depth++;
      const value = c === '{' ? this.parseObject() : this.parseArray();
      this.depth--;
      return value;
    }
    if (c === '"') return this.parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber(container, key);
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        if (typeof value === 'number' && container) markFloat(container, key);
        return value;
      }
    }
    this.fail(`unexpected ${this.describe()}; expected a JSON value`);
  }

  private parseObject(): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    markNumberStylesKnown(obj);
    this.pos++; // {
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail(`unexpected ${this.describe()}; expected a double-quoted property name`);
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`unexpected ${this.describe()}; expected ':' after property name`);
      this.pos++;
      this.skipWhitespace();
      // Python keeps the last of duplicate keys; so does this.
      setOwn(obj, key, this.parseValue(obj, key));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return obj;
      }
      this.fail(`unexpected ${this.describe()}; expected ',' or '}' after a property value`);
    }
  }

  private parseArray(): unknown[] {
    const arr: unknown[] = [];
    markNumberStylesKnown(arr);
    this.pos++; // [
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.skipWhitespace();
      arr.push(this.parseValue(arr, String(arr.length)));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return arr;
      }
      this.fail(`unexpected ${this.describe()}; expected ',' or ']' after an array element`);
    }
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++; // "
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string', start);
      const c = this.text[this.pos];
      const code = c.charCodeAt(0);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (code < 0x20) this.fail('control character in string; expected it escaped');
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.text[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.pos += 2;
      } else if (e === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape; expected 4 hex digits');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
      } else {
        this.fail(`invalid escape \\${e ?? ''} in string`);
      }
    }
  }

  private parseNumber(container: object | undefined, key: string): number {
    const rest = this.text.slice(this.pos);
    if (rest.startsWith('-Infinity')) {
      this.pos += 9;
      if (container) markFloat(container, key);
      return Number.NEGATIVE_INFINITY;
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (!m) this.fail(`invalid number; expected a digit after '-'`);
    const literal = m[0];
    this.pos += literal.length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail(`invalid number ${JSON.stringify(literal + next)}`);
    // Python's json reads a literal with a fraction or exponent as float, otherwise as int.
    if ((m[1] !== undefined || m[2] !== undefined) && container) markFloat(container, key);
    return Number(literal);
  }
}

import { describe, expect, it } from 'vitest';
import { oneCharLen, validUtf8Length } from './utf8.js';

describe('UTF-8 helpers (sentencepiece string_util semantics)', () => {
  it('validUtf8Length accepts well-formed sequences and rejects overlongs, surrogates, bad leads', () => {
    const v = (...b: number[]) => validUtf8Length(new Uint8Array(b), 0, b.length);
    expect(v(0x41)).toBe(1);
    expect(v(0xc3, 0xa9)).toBe(2); // é
    expect(v(0xe2, 0x96, 0x81)).toBe(3); // ▁
    expect(v(0xf0, 0x9f, 0x90, 0xb1)).toBe(4); // 🐱
    expect(v(0xc0, 0x80)).toBe(0); // overlong NUL
    expect(v(0xed, 0xa0, 0x80)).toBe(0); // U+D800
    expect(v(0xf4, 0x90, 0x80, 0x80)).toBe(0); // > U+10FFFF
    expect(v(0xf9, 0x80, 0x80, 0x80)).toBe(0); // 5-byte lead
    expect(v(0x80)).toBe(0); // lone continuation
    expect(v(0xe2, 0x96)).toBe(0); // truncated
  });

  it('oneCharLen reads the lead byte only', () => {
    expect([0x41, 0x80, 0xc3, 0xe2, 0xf0].map(oneCharLen)).toEqual([1, 1, 2, 3, 4]);
  });
});

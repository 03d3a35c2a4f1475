import { describe, expect, it } from 'vitest';
import { DemoInputError } from '../DemoInputError.js';
import { parseModelUrl } from './parseModelUrl.js';

describe('parseModelUrl', () => {
  const page = 'http://127.0.0.1:5173/demo/index.html';

  it('resolves against the page and ends the folder with a slash', () => {
    expect(parseModelUrl(' https://cdn.example.com/altclip-q4 ', page)).toBe('https://cdn.example.com/altclip-q4/');
    expect(parseModelUrl('models/q4/', page)).toBe('http://127.0.0.1:5173/demo/models/q4/');
    expect(parseModelUrl('/q4', page)).toBe('http://127.0.0.1:5173/q4/');
  });

  it('refuses a blank field and non-http(s) URLs, naming the field', () => {
    expect(() => parseModelUrl('  ', page)).toThrow(DemoInputError);
    expect(() => parseModelUrl('  ', page)).toThrow(/model URL: enter the URL/);
    expect(() => parseModelUrl('file:///models/q4', page)).toThrow(/model URL: expected an http\(s\) URL, got "file:\/\/\/models\/q4"/);
    expect(() => parseModelUrl('http://[bad', page)).toThrow(/model URL: "http:\/\/\[bad" is not a URL/);
  });
});

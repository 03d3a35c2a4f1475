import { describe, expect, it } from 'vitest';
import { DemoInputError } from '../DemoInputError.js';
import { applyTemplate } from './applyTemplate.js';

describe('applyTemplate', () => {
  it('puts the label where {} is', () => {
    expect(applyTemplate('a photo of {}', 'кошка')).toBe('a photo of кошка');
    expect(applyTemplate('{}的照片', '猫')).toBe('猫的照片');
  });

  it('keeps the bare label when the template is blank', () => {
    expect(applyTemplate('', 'a cat')).toBe('a cat');
    expect(applyTemplate('   ', 'a cat')).toBe('a cat');
  });

  it('inserts labels literally, even ones that look like replacement patterns', () => {
    expect(applyTemplate('a photo of {}', "$& and $'")).toBe("a photo of $& and $'");
  });

  it('refuses a template without {}', () => {
    expect(() => applyTemplate('a photo of', 'cat')).toThrow(DemoInputError);
    expect(() => applyTemplate('a photo of', 'cat')).toThrow(/template: "a photo of" has no {}/);
  });
});

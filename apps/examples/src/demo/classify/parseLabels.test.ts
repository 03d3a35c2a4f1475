import { describe, expect, it } from 'vitest';
import { DemoInputError } from '../DemoInputError.js';
import { parseLabels } from './parseLabels.js';

describe('parseLabels', () => {
  it('takes one label per line, trimmed, skipping blank lines (any line ending)', () => {
    expect(parseLabels('  a cat \r\n\nun chien\n   \n一只猫\n')).toEqual(['a cat', 'un chien', '一只猫']);
  });

  it('keeps repeated labels: each line is one text for the model', () => {
    expect(parseLabels('cat\ncat')).toEqual(['cat', 'cat']);
  });

  it('refuses an empty list, naming the field', () => {
    expect(() => parseLabels(' \n\n ')).toThrow(DemoInputError);
    expect(() => parseLabels('')).toThrow(/labels: enter at least one label/);
  });
});

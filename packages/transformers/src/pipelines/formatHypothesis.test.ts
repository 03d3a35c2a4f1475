import { describe, expect, it } from 'vitest';
import { PipelineArgumentError } from '../errors/PipelineArgumentError.js';
import { formatHypothesis } from './formatHypothesis.js';

// Expected strings are Python's `template.format(label)` for the same templates.
describe('formatHypothesis (Python str.format with one positional argument)', () => {
  it('replaces {} and {0}, unescapes doubled braces', () => {
    expect(formatHypothesis('This is a photo of {}.', 'cat')).toBe('This is a photo of cat.');
    expect(formatHypothesis('{0} and {0}', 'x')).toBe('x and x');
    expect(formatHypothesis('{{literal}} {}', 'x')).toBe('{literal} x');
    expect(formatHypothesis('no field', 'x')).toBe('no field');
  });

  it('refuses the templates Python would reject', () => {
    expect(() => formatHypothesis('{label}', 'x')).toThrow(PipelineArgumentError);
    expect(() => formatHypothesis('{1}', 'x')).toThrow(PipelineArgumentError);
    expect(() => formatHypothesis('a } b', 'x')).toThrow(/single '}'/);
    expect(() => formatHypothesis('a { b', 'x')).toThrow(PipelineArgumentError);
    expect(() => formatHypothesis('{0} and {}', 'x')).toThrow(/cannot mix/);
  });
});

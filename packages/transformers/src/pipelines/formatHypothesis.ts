import { PipelineArgumentError } from '../errors/PipelineArgumentError.js';

/**
 * Python's `hypothesis_template.format(label)` for the templates it accepts with one positional argument:
 * `{}` or `{0}` (not both) are the label, `{{`/`}}` are literal braces; any other field would raise in Python and is refused.
 */
export function formatHypothesis(template: string, label: string): string {
  let out = '';
  const fields = new Set<string>();
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      out += c;
      i++;
    } else if (c === '{') {
      const close = template.indexOf('}', i);
      const field = close < 0 ? null : template.slice(i + 1, close);
      if (field !== '' && field !== '0') {
        throw new PipelineArgumentError('hypothesisTemplate', `only '{}' (or '{0}') may appear as a field, got ${JSON.stringify(template)}`);
      }
      fields.add(field);
      if (fields.size > 1) {
        throw new PipelineArgumentError('hypothesisTemplate', `cannot mix '{}' and '{0}' (Python: cannot switch from manual field specification to automatic field numbering), got ${JSON.stringify(template)}`);
      }
      out += label;
      i = close;
    } else if (c === '}') {
      throw new PipelineArgumentError('hypothesisTemplate', `single '}' encountered in ${JSON.stringify(template)} (write '}}' for a literal brace)`);
    } else out += c;
  }
  return out;
}

import { DemoInputError } from '../DemoInputError.js';

/** `"a photo of {}"` + `"cat"` → `"a photo of cat"`, like Python's `template.format(label)`; a blank template keeps the label. */
export function applyTemplate(template: string, label: string): string {
  if (template.trim() === '') return label;
  if (!template.includes('{}')) throw new DemoInputError(`template: "${template}" has no {} to put the label in`);
  // split/join rather than replace: labels may contain `$&`-style patterns.
  return template.split('{}').join(label);
}

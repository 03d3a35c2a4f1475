/**
 * Replaces lone surrogates by U+FFFD. Python cannot even hold such strings in UTF-8 and the Rust
 * binding receives them already replaced, so both tokenizer paths see this form.
 */
export function toWellFormed(text: string): string {
  const native = (text as { toWellFormed?: () => string }).toWellFormed;
  if (typeof native === 'function') return native.call(text);
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * What is wrong with `savePretrained`'s options, or null. HF's other `save_pretrained` keywords (`push_to_hub`,
 * `legacy_format`, `filename_prefix`, …) are not implemented here, so they are refused by name rather than ignored.
 */
export function saveOptionsProblem(options: unknown, allowed: readonly string[]): { key: string; why: string } | null {
  if (options === undefined || options === null) return null;
  if (typeof options !== 'object' || Array.isArray(options)) return { key: 'options', why: `expected an object, got ${Array.isArray(options) ? 'an array' : typeof options}` };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && !allowed.includes(key)) {
      return { key, why: `not supported by savePretrained (accepted: ${allowed.length > 0 ? allowed.join(', ') : 'none'}; HF's push_to_hub, legacy_format, filename_prefix are not implemented)` };
    }
  }
  return null;
}

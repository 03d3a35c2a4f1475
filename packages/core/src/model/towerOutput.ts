/** Drops the backend-only `embeds` field so the output matches HF's tower output. */
export function towerOutput<T extends { embeds?: unknown }>(out: T): Omit<T, 'embeds'> {
  const { embeds: _, ...rest } = out;
  return rest;
}

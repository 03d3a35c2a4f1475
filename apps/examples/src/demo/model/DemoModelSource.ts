/** A picked file and its path inside the picked folder (`webkitRelativePath`, which structured cloning drops). */
export interface PickedFile {
  readonly path: string;
  readonly file: File;
}

/**
 * Where the page's model comes from, as plain data: it crosses `postMessage` to the worker, which
 * opens the files itself (so downloads, the Cache API and reading happen off the main thread).
 * - `url`: a folder served over HTTP(S) — the bundled checkpoint, or a folder written by `altclip export`
 *   at any URL (absolute: a worker resolves relative URLs against its own script, not the page).
 * - `picked`: a folder picked with `<input webkitdirectory>`; `id` tells two picks of the same name apart.
 */
export type DemoModelSource =
  | { readonly kind: 'url'; readonly url: string; readonly name: string; readonly cache: boolean }
  | { readonly kind: 'picked'; readonly name: string; readonly id: number; readonly files: readonly PickedFile[] };

/** Equal keys: the same model, so a loaded one can be reused. */
export function modelSourceKey(source: DemoModelSource): string {
  return source.kind === 'url' ? `url:${source.url}` : `picked:${source.id}:${source.name}`;
}

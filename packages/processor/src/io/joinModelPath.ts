/** `dir` + `/` + `name` for paths and URLs alike (URL directories get their trailing slash). */
export function joinModelPath(dir: string | URL, name: string): string {
  const base = String(dir);
  return base.endsWith('/') ? `${base}${name}` : `${base}/${name}`;
}

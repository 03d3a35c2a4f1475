import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const IMAGE = /\.(png|jpe?g|webp|gif|bmp|tiff?)$/i;

/** Image files under a folder (recursively), relative paths in a stable order. */
export function listImages(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (IMAGE.test(entry.name)) out.push(relative(folder, path));
    }
  };
  walk(folder);
  return out.sort();
}

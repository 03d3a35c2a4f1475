import { createReadStream, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Plugin } from 'vite';

/** Files of one folder on disk, served under a URL prefix. */
export interface StaticMount {
  /** URL path prefix, with leading and trailing slash: `/models/altclip-tiny/`. */
  readonly prefix: string;
  readonly dir: string;
  /** Paths relative to `dir`; nothing else under the prefix is served, so a 404 means "absent". */
  readonly files: readonly string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

/**
 * Serves a fixed list of files from outside the demo root (the repo's fixtures) in dev, and
 * copies the same files into the build, so the page fetches them by the same URL in both.
 * Listing files instead of exposing the folder keeps the build free of the fixture's
 * 17 MB of expected outputs, and makes unknown names a clean 404 the model loader relies on.
 */
export function serveStaticFiles(mounts: readonly StaticMount[]): Plugin {
  return {
    name: 'altclip-demo:static-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]);
        const mount = mounts.find((m) => path.startsWith(m.prefix));
        if (!mount) return next();
        const file = path.slice(mount.prefix.length);
        if (!mount.files.includes(file)) {
          res.statusCode = 404;
          res.end(`${file} is not served`);
          return;
        }
        res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
        createReadStream(join(mount.dir, file)).pipe(res);
      });
    },
    generateBundle() {
      for (const mount of mounts) {
        for (const file of mount.files) {
          this.emitFile({ type: 'asset', fileName: `${mount.prefix.slice(1)}${file}`, source: readFileSync(join(mount.dir, file)) });
        }
      }
    },
  };
}

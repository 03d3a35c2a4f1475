#!/usr/bin/env node
// The CommonJS build of a package, run after `tsc -b` in the package directory (its `build` script).
//
// Why a second build: Node 20 cannot require() an ES module, so `require('@altclip/core')` needs CommonJS files.
// Why esbuild over a second tsc emit: tsc decides a file's module format from the *source* package.json
// (`"type": "module"`), and forcing `module: commonjs` turns `import()` into `require()` (which cannot load the
// ESM-only runtimes loaded lazily: onnxruntime-web, webgpu, tfjs backends) and rejects `import.meta`. esbuild
// transforms tsc's ESM output file by file: `import()` stays a real dynamic import, relative paths stay as they
// are, and no bundling means no second copy of shared modules between entry points.
//
// Output: dist/cjs/** (.js as CommonJS plus a copy of every .d.ts, so TypeScript's node16 resolution reads the
// `require` types as CommonJS) and dist/cjs/package.json `{"type": "commonjs"}` with the `#imports` map.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformSync } from 'esbuild';

const packageDir = process.cwd();
const dist = join(packageDir, 'dist');
const out = join(dist, 'cjs');
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
// Folders of dist that are not published (see the package's `files`): no CommonJS copy either.
const skip = new Set(['cjs', ...(pkg.altclipBuild?.skipCjs ?? [])]);

rmSync(out, { recursive: true, force: true });

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (dir === dist && skip.has(name)) continue;
      yield* walk(path);
    } else yield path;
  }
}

let count = 0;
for (const file of walk(dist)) {
  const rel = relative(dist, file);
  const target = join(out, rel);
  if (file.endsWith('.d.ts')) {
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  } else if (file.endsWith('.js')) {
    // tsc's source-map comment names the ESM map; the CommonJS copy has none.
    const source = readFileSync(file, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    // `import.meta.url` has no CommonJS meaning; give it the file's own URL, as in ESM.
    const usesImportMeta = source.includes('import.meta');
    const result = transformSync(source, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcefile: rel,
      ...(usesImportMeta
        ? {
            define: { 'import.meta.url': '__altclip_import_meta_url' },
            banner: 'const __altclip_import_meta_url = require("node:url").pathToFileURL(__filename).href;',
          }
        : {}),
    });
    for (const w of result.warnings) console.warn(`build-cjs ${pkg.name} ${rel}: ${w.text}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, result.code);
    count++;
  }
}
// Node resolves `#imports` from the nearest package.json, which for these files is dist/cjs/package.json: it
// carries the package's map with targets rewritten to the CommonJS copies (the `source` condition is for tests).
function cjsTarget(target) {
  if (typeof target === 'string') return target.replace(/^\.\/dist\/(cjs\/)?/, './');
  return Object.fromEntries(Object.entries(target).filter(([condition]) => condition !== 'source').map(([c, t]) => [c, cjsTarget(t)]));
}
const imports = pkg.imports ? Object.fromEntries(Object.entries(pkg.imports).map(([k, t]) => [k, cjsTarget(t)])) : undefined;
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs', imports }, null, 2)}\n`);
console.log(`build-cjs ${pkg.name}: ${count} CommonJS files in dist/cjs`);

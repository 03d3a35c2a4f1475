import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerPackage, discoverPackages, mapTargets, packPackage, tarballEntries, tarballManifest } from './consumerPackages.js';

// The consumer smoke test (issue #17): every package of packages/* is packed with `pnpm pack` (which builds it
// through `prepack`), installed from the tarballs into throwaway projects outside the monorepo (npm and pnpm),
// and used as npm users do: `import` and `require()` of every entry point, the README's example against the
// fixture (logits compared with Hugging Face's), `tsc --noEmit` with skipLibCheck false (node16 and bundler),
// a Vite build and an esbuild --platform=browser build of a page using core + processor + the web backends.
// It runs in `pnpm test` (CI's command) because it is what catches a broken package.json, a missing file in a
// tarball or a Node-only import reaching browser code — none of which the source-level tests can see.
// Installs use the npm registry through npm's and pnpm's own caches (~/.npm, pnpm's store), so a warm run
// takes about a minute; ALTCLIP_SKIP_CONSUMER_TEST=1 skips it (offline machines), never silently in CI.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const projects = fileURLToPath(new URL('../projects/', import.meta.url));
const fixture = join(root, 'fixtures', 'altclip-tiny');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

const skip = process.env.ALTCLIP_SKIP_CONSUMER_TEST === '1' && !process.env.CI;
const packages = discoverPackages(root);

// Entry points that need an optional peer the throwaway projects do not install, with the reason.
const NEEDS_OPTIONAL_PEER: Record<string, string> = {
  '@altclip/core/testing': 'imports vitest (an optional peer: the describeParity suite runs inside a test runner)',
};


// Node ≥ 20.19 can require() ES modules; the CommonJS checks turn that off, as on Node 20.0–20.18 (engines: >=20),
// so that they prove the CommonJS build rather than Node's fallback to the ESM one.
const REQUIRE_CJS_ONLY = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module') ? ['--no-experimental-require-module'] : [];

const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    maxBuffer: 64 << 20,
  });

function entryPoints(pkg: ConsumerPackage): string[] {
  return Object.keys(pkg.manifest.exports ?? { '.': {} })
    .filter((k) => !k.includes('*') && k !== './package.json')
    .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
}
const allEntries = packages.flatMap(entryPoints).filter((e) => !(e in NEEDS_OPTIONAL_PEER));

describe.skipIf(skip)('npm consumers (packed tarballs in throwaway projects)', () => {
  let work: string;
  const tarballs = new Map<string, string>();

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'altclip-consumers-'));
    mkdirSync(join(work, 'tarballs'));
    for (const pkg of packages) tarballs.set(pkg.name, packPackage(pkg, join(work, 'tarballs')));
  }, 300_000);

  afterAll(() => {
    // ALTCLIP_KEEP_CONSUMER_DIR=1 keeps the throwaway projects for a look after a failure.
    if (work && process.env.ALTCLIP_KEEP_CONSUMER_DIR !== '1') rmSync(work, { recursive: true, force: true });
  });

  it('finds the packages', () => {
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['@altclip/config', '@altclip/core', '@altclip/processor']));
  });

  describe.each(packages.map((p) => [p.name, p] as const))('%s tarball', (name, pkg) => {
    it('holds only package.json, LICENSE, README.md and dist (no build info, source maps of types, tests or benches)', () => {
      const entries = tarballEntries(tarballs.get(name)!);
      expect(entries).toEqual(expect.arrayContaining(['package.json', 'LICENSE', 'README.md']));
      const unexpected = entries.filter((e) => !['package.json', 'LICENSE', 'README.md'].includes(e) && !e.startsWith('dist/'));
      expect(unexpected).toEqual([]);
      const junk = entries.filter((e) => /\.tsbuildinfo$|\.d\.ts\.map$|\.test\.|\/(bench|testing|test-support)\//.test(e) && !isPublicEntry(pkg, e));
      expect(junk).toEqual([]);
      expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
    });

    it('has the metadata npm shows and the files its exports and #imports name', () => {
      const m = tarballManifest(tarballs.get(name)!);
      expect(m.license).toBe('Apache-2.0');
      expect(m.repository).toBeTruthy();
      expect(m.homepage).toBeTruthy();
      expect(m.bugs).toBeTruthy();
      expect(m.engines?.node).toBeTruthy();
      // pnpm pack drops lifecycle scripts from the packed manifest: check the source one.
      expect(pkg.manifest.scripts?.prepack).toMatch(/build/);
      const entries = new Set(tarballEntries(tarballs.get(name)!));
      const missing = [...mapTargets(m.exports), ...mapTargets(m.imports)].map((t) => t.replace(/^\.\//, '')).filter((t) => !entries.has(t));
      expect(missing).toEqual([]);
      for (const [key, entry] of Object.entries(m.exports ?? {})) {
        expect(Object.keys(entry), `exports['${key}'] conditions`).toEqual(expect.arrayContaining(['import', 'require', 'default']));
      }
      for (const dep of Object.values({ ...m.dependencies, ...m.peerDependencies })) expect(dep).not.toMatch(/^workspace:/);
    });

    it('imports no package it does not declare (dist JavaScript and .d.ts)', () => {
      const m = pkg.manifest;
      const declared = new Set([m.name, ...Object.keys({ ...m.dependencies, ...m.peerDependencies, ...m.optionalDependencies, ...m.peerDependenciesMeta })]);
      const builtins = new Set(builtinModules);
      const undeclared = new Set<string>();
      const out = execFileSync('tar', ['-xzOf', tarballs.get(name)!, '--wildcards', 'package/dist/*.js', 'package/dist/*.d.ts'], { encoding: 'utf8', maxBuffer: 256 << 20 });
      for (const match of out.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\/\/\/\s*<reference types=)["']([^"'.#/$][^"']*)["']/g)) {
        const spec = match[1];
        if (spec.startsWith('node:') || builtins.has(spec)) continue;
        const bare = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!declared.has(bare) && !declared.has(`@types/${bare}`)) undeclared.add(bare);
      }
      expect([...undeclared]).toEqual([]);
    });
  });

  describe('npm project', () => {
    let project: string;

    beforeAll(() => {
      project = join(work, 'npm');
      cpSync(join(projects, 'node'), project, { recursive: true });
      cpSync(join(projects, 'web'), join(project, 'web'), { recursive: true });
      const deps = Object.fromEntries([...tarballs].map(([n, t]) => [n, `file:${t}`]));
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({
          name: 'npm-consumer',
          private: true,
          type: 'module',
          // What a user adds next to our packages: the runtime peers of the backends they deploy, and types.
          dependencies: { ...deps, 'onnxruntime-node': '1.30.0', 'onnxruntime-web': '1.30.0', '@types/node': '^20.19.0' },
          // The tarballs depend on each other by version (0.0.0 is not on the registry): point those at the files.
          overrides: deps,
        }),
      );
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
      writeEntryScripts(project);
    }, 300_000);

    it('imports every entry point (ESM)', () => {
      expect(run('node', ['import-all.mjs'], project)).toContain(`imported ${allEntries.length}`);
    });

    it('requires every entry point (CommonJS) and reads a config through the CommonJS build', () => {
      expect(run('node', [...REQUIRE_CJS_ONLY, 'require-all.cjs', fixture], project)).toContain(`required ${allEntries.length}`);
    });

    it("runs the README's example against the fixture and matches Hugging Face's logits", () => {
      const out = JSON.parse(run('node', ['readme-example.mjs', fixture], project, { ALTCLIP_CACHE: join(work, 'cache') }).trim().split('\n').pop()!);
      expect(out.dims).toEqual([3, 3]);
      expect(out.maxAbs).toBeLessThanOrEqual(out.tolerance);
    });

    it.each(['node16', 'bundler'])('type-checks with TypeScript strict, skipLibCheck false, moduleResolution %s', (resolution) => {
      writeTsconfig(project, resolution);
      try {
        run('node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${resolution}.json`], project);
      } catch (error) {
        throw new Error(`tsc (${resolution}) failed:\n${(error as { stdout?: string }).stdout ?? error}`);
      }
    });

    it('bundles the web page with esbuild --platform=browser', { timeout: 180_000 }, () => {
      let log = '';
      try {
        log = run(bin('esbuild'), ['web/main.js', '--bundle', '--platform=browser', '--format=esm', '--outdir=web/esbuild-out', '--log-level=error', '--log-limit=0'], project);
      } catch (error) {
        log = String((error as { stderr?: string }).stderr ?? error);
        const unresolved = [...log.matchAll(/Could not resolve "([^"]+)"\n\n\s+(\S+):\d+:\d+:/g)];
        const otherErrors = (log.match(/\[ERROR\]/g) ?? []).length - (log.match(/Could not resolve/g) ?? []).length;
        if (unresolved.length > 0 || otherErrors > 0) throw new Error(`esbuild --platform=browser failed:\n${log}`);
      }
    });

    it('builds the web page with Vite', { timeout: 300_000 }, () => {
      try {
        run('node', [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'web', '--logLevel', 'error', '--outDir', 'vite-out'], project);
      } catch (error) {
        throw new Error(`vite build failed:\n${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? error}`);
      }
    });
  });

  describe('pnpm project', () => {
    let project: string;

    beforeAll(() => {
      project = join(work, 'pnpm');
      cpSync(join(projects, 'node'), project, { recursive: true });
      const deps = Object.fromEntries([...tarballs].map(([n, t]) => [n, `file:${t}`]));
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'pnpm-consumer', private: true, type: 'module', dependencies: { ...deps, 'onnxruntime-node': '1.30.0' } }),
      );
      // The settings the README's Install section gives pnpm users: no onnxruntime-node postinstall (CUDA download).
      writeFileSync(
        join(project, 'pnpm-workspace.yaml'),
        `allowBuilds:\n  onnxruntime-node: false\n  sharp: false\n  protobufjs: false\noverrides:\n${[...tarballs].map(([n, t]) => `  "${n}": "file:${t}"`).join('\n')}\n`,
      );
      run('pnpm', ['install', '--prefer-offline', '--reporter=silent'], project);
      writeEntryScripts(project);
    }, 300_000);

    it('imports and requires every entry point', () => {
      expect(run('node', ['import-all.mjs'], project)).toContain(`imported ${allEntries.length}`);
      expect(run('node', [...REQUIRE_CJS_ONLY, 'require-all.cjs', fixture], project)).toContain(`required ${allEntries.length}`);
    });

    it("runs the README's example against the fixture and matches Hugging Face's logits", () => {
      const out = JSON.parse(run('node', ['readme-example.mjs', fixture], project, { ALTCLIP_CACHE: join(work, 'cache-pnpm') }).trim().split('\n').pop()!);
      expect(out.maxAbs).toBeLessThanOrEqual(out.tolerance);
    });
  });
});

/** A file under dist that a public entry point reaches on purpose (e.g. backend-onnx's `./node` exports its bench). */
function isPublicEntry(pkg: ConsumerPackage, entry: string): boolean {
  if (pkg.name === '@altclip/backend-onnx' && /^dist\/(cjs\/)?bench\//.test(entry)) return true;
  return /^dist\/(cjs\/)?testing\//.test(entry) && Boolean(pkg.manifest.exports?.['./testing']);
}

function writeEntryScripts(project: string): void {
  const list = JSON.stringify(allEntries);
  writeFileSync(
    join(project, 'import-all.mjs'),
    `const entries = ${list};\nfor (const e of entries) { const m = await import(e); if (Object.keys(m).length === 0) throw new Error(e + ' exports nothing'); }\nconsole.log('imported ' + entries.length);\n`,
  );
  writeFileSync(
    join(project, 'require-all.cjs'),
    `const entries = ${list};\nfor (const e of entries) { const m = require(e); if (Object.keys(m).length === 0) throw new Error(e + ' exports nothing'); }\n` +
      `const { AltCLIPConfig } = require('@altclip/config');\n` +
      `AltCLIPConfig.fromPretrained(process.argv[2]).then((c) => { if (c.projection_dim !== 16) throw new Error('config'); console.log('required ' + entries.length); });\n`,
  );
}

function bringsDomLib(project: string, entry: string): boolean {
  const name = entry.split('/').slice(0, 2).join('/');
  try {
    return /<reference lib="dom"/.test(readFileSync(join(project, 'node_modules', name, 'dist', 'index.d.ts'), 'utf8'));
  } catch {
    return false;
  }
}

function writeTsconfig(project: string, resolution: string): void {
  const node16 = resolution === 'node16';
  // A browser project has no Node types, so it imports the entry points meant for browsers (not `*/node`). The
  // DOM-less Node project leaves out packages whose types bring the DOM lib themselves (backend-webgpu: WebGPU's
  // types build on it), which would otherwise hide any other package's need for it.
  const entries = node16
    ? allEntries.filter((e) => !bringsDomLib(project, e))
    : allEntries.filter((e) => !e.endsWith('/node'));
  const imports = entries.map((e, i) => `import type * as m${i} from '${e}';`).join('\n');
  const uses = entries.map((_, i) => `typeof m${i}`).join(' | ');
  writeFileSync(
    join(project, `types-${resolution}.ts`),
    `${imports}\nexport type All = ${uses || 'undefined'};\n` +
      `import { AltCLIPModel } from '@altclip/core';\nimport { AltCLIPProcessor } from '@altclip/processor';\n` +
      `export async function embed(dir: string): Promise<number[]> {\n  const processor = await AltCLIPProcessor.fromPretrained(dir);\n  const model = await AltCLIPModel.fromPretrained(dir);\n` +
      `  const inputs = await processor({ text: ['a cat'], images: ['cat.png'], padding: true, returnTensors: 'int64' });\n  const out = await model.forward(inputs);\n  return Array.from(out.logitsPerImage.data);\n}\n`,
  );
  // node16 also type-checks a CommonJS file: its imports resolve through the `require` condition (dist/cjs types).
  if (node16) writeFileSync(join(project, 'types-node16-cjs.cts'), `${imports}\nexport type All = ${uses || 'undefined'};\n`);
  writeFileSync(
    join(project, `tsconfig.${resolution}.json`),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: 'ES2022',
        module: node16 ? 'node16' : 'esnext',
        moduleResolution: resolution,
        // A Node project has no DOM; a browser project has no Node types.
        lib: node16 ? ['ES2022'] : ['ES2022', 'DOM', 'DOM.Iterable'],
        types: node16 ? ['node'] : [],
      },
      files: node16 ? ['types-node16.ts', 'types-node16-cjs.cts'] : [`types-${resolution}.ts`],
    }),
  );
}

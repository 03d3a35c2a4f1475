import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A publishable workspace package, as the smoke test sees it. */
export interface ConsumerPackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: PackageManifest;
}

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: unknown;
  homepage?: string;
  bugs?: unknown;
  engines?: Record<string, string>;
  files?: string[];
  scripts?: Record<string, string>;
  exports?: Record<string, Record<string, unknown>>;
  imports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Every non-private `packages/* /package.json` (found by listing, so a new package is checked without editing
 * this test).
 */
export function discoverPackages(root: string): ConsumerPackage[] {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'packages', d.name, 'package.json')))
    .map((d) => {
      const dir = join(root, 'packages', d.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
      return { name: manifest.name, dir, manifest };
    })
    .filter((p) => !p.manifest.private)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `pnpm pack` (which runs `prepack`, i.e. the build) into `outDir`; returns the tarball's path. */
export function packPackage(pkg: ConsumerPackage, outDir: string): string {
  const before = new Set(readdirSync(outDir));
  execFileSync('pnpm', ['pack', '--pack-destination', outDir], { cwd: pkg.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const made = readdirSync(outDir).filter((f) => f.endsWith('.tgz') && !before.has(f));
  if (made.length !== 1) throw new Error(`pnpm pack in ${pkg.dir} made ${made.length} tarballs`);
  return join(outDir, made[0]);
}

/** The paths inside a tarball, without npm's `package/` prefix. */
export function tarballEntries(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((e) => e.replace(/^package\//, ''));
}

/** The package.json inside a tarball (what the registry would serve: workspace: ranges replaced). */
export function tarballManifest(tarball: string): PackageManifest {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as PackageManifest;
}

/** Every string target of an exports/imports map, except the monorepo-only `source` condition. */
export function mapTargets(map: unknown): string[] {
  if (typeof map === 'string') return [map];
  if (map === null || typeof map !== 'object') return [];
  return Object.entries(map).flatMap(([condition, target]) => (condition === 'source' ? [] : mapTargets(target)));
}

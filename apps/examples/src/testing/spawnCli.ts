import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from './captureIO.js';

export interface CliProcess {
  child: ChildProcess;
  /** Everything printed on stderr so far. */
  readonly err: string;
  /**
   * Resolves with the first match of `pattern` in stderr from character `from` on (rejects after `timeoutMs`
   * or when the process exits first).
   */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the built CLI (`apps/examples/bin/altclip.js`, so `pnpm build` first) in its own process: for the
 * tests that need real processes (killed workers, a server on a port).
 */
export function spawnCli(args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, [`${repoRoot}apps/examples/bin/altclip.js`, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const listeners = new Set<() => void>();
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    for (const l of listeners) l();
  });
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    get err() {
      return err;
    },
    exited,
    waitFor(pattern, timeoutMs = 60_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = err.slice(from).match(pattern);
          if (!m) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern} in: ${err.slice(-1000)}`));
        }, timeoutMs);
        if (check()) return;
        listeners.add(check);
        void exited.then(() => {
          if (listeners.delete(check)) {
            clearTimeout(timer);
            reject(new Error(`process exited before printing ${pattern}: ${err.slice(-1000)}`));
          }
        });
      });
    },
  };
}

import { describe, expect, it } from 'vitest';
import { ModelDisposedError } from '../errors/ModelDisposedError.js';
import { DisposeGuard } from './DisposeGuard.js';

describe('DisposeGuard', () => {
  it('releases only after calls in flight settle, and turns their outcome (result or raw error) into ModelDisposedError', async () => {
    const guard = new DisposeGuard('M');
    const events: string[] = [];
    let finish!: () => void;
    let fail!: (e: Error) => void;
    const ok = guard.run('a', () => new Promise<number>((resolve) => (finish = () => resolve(1)))).catch((e: unknown) => e);
    const bad = guard.run('b', () => new Promise<number>((_, reject) => (fail = reject))).catch((e: unknown) => e);
    const disposed = guard.dispose(async () => {
      events.push('released');
    });
    await Promise.resolve();
    expect(events).toEqual([]);
    finish();
    fail(new Error('Session already disposed'));
    await disposed;
    expect(events).toEqual(['released']);
    expect(await ok).toBeInstanceOf(ModelDisposedError);
    const raw = await bad;
    expect(raw).toBeInstanceOf(ModelDisposedError);
    expect(((raw as Error).cause as Error).message).toBe('Session already disposed');
    expect(guard.dispose(async () => events.push('again'))).toBe(disposed);
    await expect(guard.run('c', async () => 1)).rejects.toThrow('M.c(): the model was disposed; load it again to use it');
    expect(events).toEqual(['released']);
  });
});

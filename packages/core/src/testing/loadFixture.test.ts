import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FixtureNotFoundError, fixtureDirectoryLoader, loadFixture } from './loadFixture.js';

describe('loadFixture', () => {
  const empty = mkdtempSync(join(tmpdir(), 'altclip-no-fixture-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('reads a fixture from any directory (as an installed @altclip/core must, outside this repository)', async () => {
    const fixture = await loadFixture({ loader: fixtureDirectoryLoader(fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url))) });
    expect(fixture.config.projection_dim).toBe(16);
    expect(fixture.expected.get('model/logits_per_image')?.dims).toEqual([15, 15]);
  });

  it('names the missing file and the way out instead of failing on the config', async () => {
    const error = await loadFixture({ loader: fixtureDirectoryLoader(empty) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureNotFoundError);
    expect((error as Error).message).toContain(join(empty, 'config.json'));
    expect((error as Error).message).toContain('fixtureDirectoryLoader');
  });

  it('reports a fixture name that does not exist the same way', async () => {
    await expect(loadFixture({ name: 'no-such-fixture' })).rejects.toThrow(FixtureNotFoundError);
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO, fixtureDir } from '../testing/captureIO.js';
import { type CliProcess, spawnCli } from '../testing/spawnCli.js';

// `altclip serve` as a real process (the built CLI) on a free loopback port.
describe('altclip serve', () => {
  const work = mkdtempSync(`${tmpdir()}/altclip-serve-`);
  const store = `${work}/store`;
  let server: CliProcess;
  let url: string;

  beforeAll(async () => {
    mkdirSync(`${work}/photos`);
    for (const f of ['chelsea.png', 'astronaut.png', 'coffee.jpg', 'gradient_640x480.png', 'camera_gray.png', 'palette_P_64x48.png']) copyFileSync(`${fixtureDir}/images/${f}`, `${work}/photos/${f}`);
    expect(await runCli(['index', `${work}/photos`, '--model', 'fixtures/altclip-tiny', '--out', store], captureIO())).toBe(0);
    server = spawnCli(['serve', '--index', store, '--port', '0']);
    [, url] = (await server.waitFor(/on (http:\/\/127\.0\.0\.1:\d+)/)) as RegExpMatchArray;
    // Text tower only until an image query arrives.
    expect((await (await fetch(`${url}/health`)).json()).towers).toEqual(['text']);
  }, 120_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    }
  });

  const post = (body: string) => fetch(`${url}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers concurrent text and image queries exactly as `altclip search` does', async () => {
    const texts = ['a photo of a cat', 'un chat', '一只猫', 'кошка', 'ein Astronaut', 'café', 'قهوة', 'a gradient', 'カメラ', 'gato', 'a palette', 'chat noir'];
    const image = readFileSync(`${fixtureDir}/images/coffee.jpg`);
    const requests = [...texts.map((text) => ({ text, top: 3 })), { image: image.toString('base64'), top: 4 }];
    const responses = await Promise.all(requests.map((r) => post(JSON.stringify(r))));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    for (const r of responses) expect(r.status).toBe(200);
    expect((await (await fetch(`${url}/health`)).json()).towers).toEqual(['text', 'vision']);
    for (let i = 0; i < requests.length; i++) {
      const io = captureIO();
      const args = i < texts.length ? [texts[i], '--top', '3'] : ['--image', `${fixtureDir}/images/coffee.jpg`, '--top', '4'];
      expect(await runCli(['search', store, ...args, '--json'], io)).toBe(0);
      const want = JSON.parse(io.out) as { file: string; score: number }[];
      const got = bodies[i].results as { file: string; score: number }[];
      expect(got.map((h) => h.file), JSON.stringify(requests[i]).slice(0, 40)).toEqual(want.map((h) => h.file));
      // Batched with other queries the text is padded to the batch's longest; masked positions move the cosine only at rounding level.
      for (const [n, h] of got.entries()) expect(Math.abs(h.score - want[n].score)).toBeLessThanOrEqual(1e-5);
    }
  }, 120_000);

  it('answers malformed requests with 4xx and a message, and stays up', async () => {
    const cases: [RequestInit & { path?: string }, number, RegExp][] = [
      [{ method: 'POST', body: '{not json' }, 400, /expected JSON/],
      [{ method: 'POST', body: '[1,2]' }, 400, /expected a JSON object/],
      [{ method: 'POST', body: '{}' }, 400, /exactly one of "text" and "image"/],
      [{ method: 'POST', body: '{"text":"cat","image":"AAAA"}' }, 400, /exactly one of/],
      [{ method: 'POST', body: '{"text":""}' }, 400, /text: expected a non-empty string/],
      [{ method: 'POST', body: '{"text":42}' }, 400, /text: expected a non-empty string/],
      [{ method: 'POST', body: '{"text":"cat","top":0}' }, 400, /top: expected an integer from 1 to 1000, got 0/],
      [{ method: 'POST', body: '{"text":"cat","top":"3"}' }, 400, /top: expected an integer/],
      [{ method: 'POST', body: '{"text":"cat","k":3}' }, 400, /unknown field "k"/],
      [{ method: 'POST', body: '{"image":"not base64!"}' }, 400, /image: expected the image file as a base64 string/],
      [{ method: 'POST', body: JSON.stringify({ image: Buffer.from('definitely not an image').toString('base64') }) }, 422, /image: cannot be decoded/],
      [{ method: 'GET' }, 405, /use POST/],
      [{ method: 'POST', body: '{}', path: '/nope' }, 404, /no such endpoint/],
    ];
    for (const [init, status, message] of cases) {
      const res = await fetch(`${url}${init.path ?? '/search'}`, init);
      expect(res.status, String(init.body)).toBe(status);
      expect((await res.json()).error).toMatch(message);
    }
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', images: 6, dtype: 'fp32', dim: 16 });
    const ok = await post('{"text":"cat","top":1}');
    expect(ok.status).toBe(200);
    expect((await ok.json()).results).toHaveLength(1);
  }, 60_000);
});

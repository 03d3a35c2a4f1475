import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIPImageProcessor } from '../image/CLIPImageProcessor.js';
import { loadSharp } from '../image/decode/sharp/loadSharp.js';
import { BAAI_224, measure } from './imageBench.js';

/**
 * Real-photo preprocessing benchmark (issue #12; `pnpm bench`, not a test): a 12 MP camera-sized JPEG from the
 * photo corpus and a 1024×1024 WebP made from it, each through decode + resize + crop + normalise to
 * `pixel_values` (BAAI 224 config). Every row runs in its own process so its peak RSS is its own, beside HF's
 * CLIPImageProcessor on Pillow when the oracle environment (../shared/oracle) is set up on this machine.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const corpusJpeg = fileURLToPath(new URL('../../test-data/photo-corpus/images/jpeg-12mp-4032x3024.jpg', import.meta.url));
const hfScript = fileURLToPath(new URL('../../bench/hf_clip_image_processor.py', import.meta.url));

type Row = { imagesPerSecond?: number; minMs?: number; medianMs?: number; peakRssBytes?: number; error?: string };

/** Child entry: `node photoBench.js --case <jpeg|webp> --decoder <auto|js> FILE SECONDS`. */
async function runCase(file: string, decoder: 'auto' | 'js', seconds: number): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const processor = CLIPImageProcessor.fromDict(BAAI_224);
  const t = await measure(() => processor.process(bytes, { jpegDecoder: decoder }), seconds);
  const row: Row = {
    imagesPerSecond: Math.round(t.perSecond * 100) / 100,
    minMs: Math.round(t.minMs * 10) / 10,
    medianMs: Math.round(t.medianMs * 10) / 10,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
}

function child(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Row> {
  return new Promise((resolve) => {
    const p = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err = (err + d).slice(-300);
    });
    p.on('close', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as Row);
      } catch {
        resolve({ error: `exit code ${code}: ${err.trim().split('\n').pop() ?? ''}` });
      }
    });
  });
}

/** The oracle's environment (`~/.cache/altclip-oracle/env.sh`: `export KEY=VALUE` lines), if set up here. */
function oracleEnv(): NodeJS.ProcessEnv | undefined {
  const file = process.env.ALTCLIP_ORACLE_ENV ?? join(homedir(), '.cache/altclip-oracle/env.sh');
  if (!existsSync(file)) return undefined;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    for (const m of line.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[m[1]] = m[2];
  }
  return env;
}

export async function runPhotoBench(seconds = 3): Promise<Record<string, unknown>> {
  const sharp = await loadSharp();
  if (!sharp) throw new Error('the photo benchmark needs sharp to make its WebP');
  const webp = join(tmpdir(), `altclip-bench-${process.pid}.webp`);
  writeFileSync(webp, await sharp(readFileSync(corpusJpeg)).resize(1024, 1024, { fit: 'cover' }).webp({ quality: 85 }).toBuffer());
  const self = join(here, 'photoBench.js');
  const node = (file: string, decoder: string) => child(process.execPath, [self, '--case', file, decoder, String(seconds)]);
  const env = oracleEnv();
  const py = env?.PY ?? '/usr/bin/python3';
  const hf = (file: string) => (env ? child(py, [hfScript, String(seconds), file], env) : Promise.resolve({ error: 'oracle environment not set up (../shared/oracle/README.md)' }));
  return {
    config: 'BAAI 224: open + convert(RGB) + bicubic resize (shortest edge 224) + 224 centre crop + rescale/normalise to float32; one image at a time, one thread; each row its own process (peak RSS = that process)',
    'jpeg 4032x3024 (12.2 MP, 548 KB)': {
      'altclip, sharp decode (Node default)': await node(corpusJpeg, 'auto'),
      'altclip, TypeScript JPEG decoder (no sharp)': await node(corpusJpeg, 'js'),
      'HF CLIPImageProcessor on Pillow 9.4': await hf(corpusJpeg),
    },
    'webp 1024x1024 (lossy q85)': {
      'altclip, sharp decode (Node default)': await node(webp, 'auto'),
      'HF CLIPImageProcessor on Pillow 9.4': await hf(webp),
    },
  };
}

if (process.argv[2] === '--case') {
  await runCase(process.argv[3], process.argv[4] as 'auto' | 'js', Number(process.argv[5]));
}

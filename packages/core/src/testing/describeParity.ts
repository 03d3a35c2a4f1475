import { afterAll, describe, expect, it } from 'vitest';
import type { AltCLIPBackend, BackendEnvironment, WeightDType } from '../backend/AltCLIPBackend.js';
import type { ModelFiles } from '../loading/ModelFiles.js';
import { compareTensors, top1Disagreements } from './compareTensors.js';
import { type FixtureLoader, loadFixture } from './loadFixture.js';
import { ParityRun, parityTensorNames } from './ParityRun.js';
import { ParityTolerances } from './ParityTolerances.js';

export interface ParityOptions {
  /** Backend name as in the tolerance table (e.g. 'onnx-node', 'tfjs-wasm'). */
  name: string;
  createBackend: () => AltCLIPBackend | Promise<AltCLIPBackend>;
  dtype?: WeightDType;
  /** Tensor name or group prefix (e.g. 'text_model/attentions', 'interpolate') → why it is skipped. */
  exclude?: Record<string, string>;
  /** How fixture files are read; default: the repository's fixtures/ (fs in Node, fetch in a browser). */
  fixtureLoader?: FixtureLoader;
  /** Forwarded to the backend's tower loaders. */
  backendOptions?: Record<string, unknown>;
  /** Per-test timeout in ms (default 120 000). */
  timeout?: number;
  /** Shown in the suite title (e.g. 'node', 'browser'); the backend must declare it in capabilities.environments. */
  environment?: BackendEnvironment;
  /** Load the models from these files (e.g. an exported folder of the fixture) instead of the fixture's; golden tensors stay the fixture's. */
  modelFiles?: ModelFiles | (() => Promise<ModelFiles>);
}

/**
 * The shared parity suite: runs every model output listed in the fixture's
 * expected.json through the public model API with the given backend and
 * compares it with the golden tensor, using core's tolerance table. Call it
 * once from one test file per backend (Node or browser).
 */
export function describeParity(options: ParityOptions): void {
  const dtype = options.dtype ?? 'fp32';
  const timeout = options.timeout ?? 120_000;
  const exclude = options.exclude ?? {};
  for (const [key, reason] of Object.entries(exclude)) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new TypeError(`describeParity(${options.name}): exclusion '${key}' needs a reason`);
  }

  describe(`AltCLIP parity: ${options.name} (${dtype}${options.environment ? `, ${options.environment}` : ''})`, async () => {
    const fixture = await loadFixture({ loader: options.fixtureLoader });
    const names = parityTensorNames(fixture);
    const excludedBy = (name: string) => Object.keys(exclude).find((key) => name === key || name.startsWith(`${key}/`));

    const modelFiles = typeof options.modelFiles === 'function' ? await options.modelFiles() : options.modelFiles;
    const parity = new ParityRun({ fixture, createBackend: options.createBackend, dtype, backendOptions: options.backendOptions, modelFiles });
    const getBackend = () => parity.backend();
    let tolerances: Promise<ParityTolerances> | undefined;
    // For int8 this runs the error model (reference passes), so only once and only when a check needs it.
    const getTolerances = () => (tolerances ??= getBackend().then((b) => ParityTolerances.create(fixture, options.name, dtype, b.capabilities)));
    afterAll(() => parity.dispose());

    if (options.environment) {
      it(`backend declares the '${options.environment}' environment`, async () => {
        expect((await getBackend()).capabilities.environments).toContain(options.environment);
      });
    }

    it('exclusions name tensors the fixture has', () => {
      for (const key of Object.keys(exclude)) expect(names.some((n) => n === key || n.startsWith(`${key}/`)), `exclusion '${key}' matches nothing`).toBe(true);
    });

    for (const name of names) {
      const key = excludedBy(name);
      if (key) {
        it.skip(`${name} — excluded: ${exclude[key]}`, () => {});
        continue;
      }
      if (!ParityRun.knows(name)) {
        it(name, () => {
          throw new Error(`describeParity has no mapping for fixture tensor '${name}'; add one in core's describeParity`);
        });
        continue;
      }
      it(
        name,
        async (context) => {
          const b = await getBackend();
          if (name.includes('/hidden_states/') && !b.capabilities.hiddenStates) context.skip(`backend '${b.name}' declares hiddenStates: false`);
          if (name.includes('/attentions/') && !b.capabilities.attentions) context.skip(`backend '${b.name}' declares attentions: false`);
          const actual = await parity.compute(name);
          const expected = fixture.expected.get(name)!;
          const atol = (await getTolerances()).atol(name);
          const result = compareTensors(name, actual, expected, atol);
          expect(result.ok, result.message).toBe(true);
        },
        timeout,
      );
    }

    for (const logits of ['model/logits_per_image', 'model/logits_per_text'] as const) {
      if (excludedBy(logits) || !names.includes(logits)) continue;
      it(
        `${logits} keeps the golden top-1 where the margin exceeds 2 × tolerance`,
        async () => {
          const out = await parity.forward();
          const actual = logits === 'model/logits_per_image' ? out.logitsPerImage : out.logitsPerText;
          const bad = top1Disagreements(actual, fixture.expected.get(logits)!, 2 * (await getTolerances()).atol(logits));
          expect(bad, `rows whose top-1 changed: ${bad.join(', ')}`).toEqual([]);
        },
        timeout,
      );
    }

    if (!excludedBy('model/no_return_loss')) {
      it(
        'model/no_return_loss has no loss',
        async () => {
          expect((await parity.forwardWithoutLoss()).loss).toBeUndefined();
        },
        timeout,
      );
    }
  });
}


import { afterAll, describe, expect, it } from 'vitest';
import type { AltCLIPBackend, BackendEnvironment, WeightDType } from '../backend/AltCLIPBackend.js';
import type { ModelFiles } from '@altclip/hub';
import { compareTensors, top1Disagreements } from './compareTensors.js';
import { checkDisposeContract } from './disposeContract.js';
import { compareWithSimulation, simulationRun, steppedRowsAndColumns, top1AgainstSimulation } from './int8/int8Conformance.js';
import { type FixtureLoader, loadFixture } from './loadFixture.js';
import { ParityRun, parityTensorNames } from './ParityRun.js';
import { ParityTolerances } from './ParityTolerances.js';
import { tolerancesFor, toleranceGroup } from './tolerances.js';

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
    // int8: core's float64 simulation of the scheme the backend declares, which it must compute exactly.
    let simulation: ParityRun | undefined;
    const getSimulation = async () => {
      const scheme = (await getBackend()).capabilities.int8;
      if (!scheme) throw new Error(`backend '${options.name}' offers int8 but declares no capabilities.int8 scheme`);
      simulation ??= simulationRun(fixture, scheme);
      return simulation;
    };
    afterAll(async () => {
      await parity.dispose();
      await simulation?.dispose();
    });
    const stepped = new Map<string, readonly number[]>();
    const fp32 = tolerancesFor('*', 'fp32');

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
          if (dtype === 'int8' && name !== 'text_model/position_ids') {
            const simulated = (await (await getSimulation()).compute(name))!;
            const conformance = compareWithSimulation(name, actual, simulated, fp32[toleranceGroup(name)], atol);
            stepped.set(name, conformance.steppedItems);
            expect(conformance.ok, conformance.message).toBe(true);
          }
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

    if (dtype === 'int8') {
      for (const logits of ['model/logits_per_image', 'model/logits_per_text'] as const) {
        if (excludedBy(logits) || !names.includes(logits)) continue;
        it(
          `${logits} keeps the int8 simulation's top-1 in every row where that is decided beyond the allowed deviation`,
          async () => {
            const out = await parity.forward();
            const actual = logits === 'model/logits_per_image' ? out.logitsPerImage : out.logitsPerText;
            const simulated = (await (await getSimulation()).compute(logits))!;
            const atol = (await getTolerances()).atol(logits);
            const steps = steppedRowsAndColumns(actual, simulated, fp32.logits);
            const { checked, changed } = top1AgainstSimulation(actual, simulated, steps, fp32.logits, atol);
            const rows = simulated.dims[0];
            console.info(`int8 ${options.name}: ${logits} top-1 checked against the simulation in ${checked.length}/${rows} rows`);
            expect(changed, `rows whose top-1 changed: ${changed.join(', ')}`).toEqual([]);
            // The check must bind: most rows are decided far beyond float32 arithmetic.
            expect(checked.length, `${checked.length} of ${rows} rows checked`).toBeGreaterThanOrEqual(Math.ceil(rows / 2));
          },
          timeout,
        );
      }

      it('int8: rounding steps where the backend left the simulation are few (reported)', () => {
        const total = [...stepped.values()].reduce((n, items) => n + items.length, 0);
        const where = [...stepped].filter(([, items]) => items.length > 0).map(([name, items]) => `${name} [${items.join(', ')}]`);
        console.info(`int8 ${options.name}: ${total} stepped batch item(s) over ${stepped.size} tensors${where.length ? `: ${where.join('; ')}` : ''}`);
        // Each tensor allows MAX_STEPPED_ITEMS; all together they may not add up to more than a quarter of the tensors.
        expect(total, where.join('; ')).toBeLessThanOrEqual(Math.ceil(stepped.size / 4));
      });
    }

    it(
      'dispose(): calls in flight and later calls fail with ModelDisposedError on the model and the tower models; twice is a no-op',
      async () => {
        await checkDisposeContract(fixture, await getBackend(), { dtype, backendOptions: options.backendOptions });
      },
      timeout,
    );

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


import { afterAll, describe, expect, it } from 'vitest';
import type { AltCLIPBackend, BackendEnvironment, WeightDType } from '../backend/AltCLIPBackend.js';
import { AltCLIPModel } from '../model/AltCLIPModel.js';
import { AltCLIPTextModel } from '../model/AltCLIPTextModel.js';
import { AltCLIPVisionModel } from '../model/AltCLIPVisionModel.js';
import type { AltCLIPOutput } from '../model/outputs.js';
import { createPositionIds } from '../semantics/positionIds.js';
import type { IdTensor } from '../semantics/tensorInputs.js';
import { type Tensor, Tensor as TensorClass } from '../tensor/Tensor.js';
import { compareTensors, top1Disagreements } from './compareTensors.js';
import { type AltCLIPFixture, type FixtureLoader, loadFixture } from './loadFixture.js';
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
}

/** Golden tensors made by the processor, not the model: they are inputs here, checked by @altclip/processor. */
const INPUT_TENSORS = /^(tokenizer\/|image\/|interpolate\/pixel_values$)/;

type Computation = 'forward' | 'noLoss' | 'features' | 'single' | 'interpolate' | 'positionIds';

interface Results {
  forward?: AltCLIPOutput;
  noLoss?: AltCLIPOutput;
  textFeatures?: Tensor;
  imageFeatures?: Tensor;
  single?: Tensor;
  interpolatedFeatures?: Tensor;
  interpolatedHidden?: Tensor;
  positionIds?: Tensor;
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
    const tolerances = tolerancesFor(options.name, dtype);
    const names = Object.keys(fixture.expectedJson.tensors).filter((n) => !INPUT_TENSORS.test(n));
    const excludedBy = (name: string) => Object.keys(exclude).find((key) => name === key || name.startsWith(`${key}/`));

    let backend: Promise<AltCLIPBackend> | undefined;
    const disposers: (() => Promise<void>)[] = [];
    const pending = new Map<Computation, Promise<Results>>();
    const shared: { model?: Promise<AltCLIPModel> } = {};
    const getBackend = () => {
      backend ??= Promise.resolve(options.createBackend());
      return backend;
    };
    const compute = (what: Computation) => {
      let p = pending.get(what);
      if (!p) {
        p = run(what, fixture, getBackend, dtype, options.backendOptions, disposers, shared);
        pending.set(what, p);
      }
      return p;
    };
    afterAll(async () => {
      for (const dispose of disposers) await dispose();
      await (await backend)?.dispose?.();
    });

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
      const lookup = locate(name);
      if (!lookup) {
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
          const actual = lookup.get(await compute(lookup.computation));
          const expected = fixture.expected.get(name)!;
          const atol = name === 'text_model/position_ids' ? 0 : tolerances[toleranceGroup(name)];
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
          const out = (await compute('forward')).forward!;
          const actual = logits === 'model/logits_per_image' ? out.logitsPerImage : out.logitsPerText;
          const bad = top1Disagreements(actual, fixture.expected.get(logits)!, 2 * tolerances.logits);
          expect(bad, `rows whose top-1 changed: ${bad.join(', ')}`).toEqual([]);
        },
        timeout,
      );
    }

    if (!excludedBy('model/no_return_loss')) {
      it(
        'model/no_return_loss has no loss',
        async () => {
          expect((await compute('noLoss')).noLoss!.loss).toBeUndefined();
        },
        timeout,
      );
    }
  });
}

interface Lookup {
  computation: Computation;
  get(results: Results): Tensor | undefined;
}

function locate(name: string): Lookup | undefined {
  const forward = (get: (o: AltCLIPOutput) => Tensor | undefined): Lookup => ({ computation: 'forward', get: (r) => get(r.forward!) });
  const layer = /^(text_model|vision_model)\/(hidden_states|attentions)\/(\d+)$/.exec(name);
  if (layer) {
    const [, tower, kind, index] = layer;
    return forward((o) => {
      const t = tower === 'text_model' ? o.textModelOutput : o.visionModelOutput;
      return (kind === 'hidden_states' ? t.hiddenStates : t.attentions)?.[Number(index)];
    });
  }
  switch (name) {
    case 'model/text_embeds':
      return forward((o) => o.textEmbeds);
    case 'model/image_embeds':
      return forward((o) => o.imageEmbeds);
    case 'model/logits_per_image':
      return forward((o) => o.logitsPerImage);
    case 'model/logits_per_text':
      return forward((o) => o.logitsPerText);
    case 'model/loss':
      return forward((o) => o.loss);
    case 'text_model/last_hidden_state':
      return forward((o) => o.textModelOutput.lastHiddenState);
    case 'text_model/pooler_output':
      return forward((o) => o.textModelOutput.poolerOutput);
    case 'vision_model/last_hidden_state':
      return forward((o) => o.visionModelOutput.lastHiddenState);
    case 'vision_model/pooler_output':
      return forward((o) => o.visionModelOutput.poolerOutput);
    case 'model/get_text_features':
      return { computation: 'features', get: (r) => r.textFeatures };
    case 'model/get_image_features':
      return { computation: 'features', get: (r) => r.imageFeatures };
    case 'model/no_return_loss/logits_per_image':
      return { computation: 'noLoss', get: (r) => r.noLoss!.logitsPerImage };
    case 'text_model/single/pooler_output_text0':
      return { computation: 'single', get: (r) => r.single };
    case 'interpolate/get_image_features':
      return { computation: 'interpolate', get: (r) => r.interpolatedFeatures };
    case 'interpolate/vision_last_hidden_state':
      return { computation: 'interpolate', get: (r) => r.interpolatedHidden };
    case 'text_model/position_ids':
      return { computation: 'positionIds', get: (r) => r.positionIds };
    default:
      return undefined;
  }
}

async function run(
  what: Computation,
  fixture: AltCLIPFixture,
  getBackend: () => Promise<AltCLIPBackend>,
  dtype: WeightDType,
  backendOptions: Record<string, unknown> | undefined,
  disposers: (() => Promise<void>)[],
  shared: { model?: Promise<AltCLIPModel> },
): Promise<Results> {
  const e = (name: string) => fixture.expected.get(name)!;
  const inputIds = e('tokenizer/batch/input_ids') as IdTensor;
  const attentionMask = e('tokenizer/batch/attention_mask') as IdTensor;
  const pixelValues = e('image/pixel_values_batch');
  const load = { dtype, backendOptions, onWarning: (message: string) => { throw new Error(`unexpected load warning: ${message}`); } };
  // One full model serves every computation: loading is the expensive part for real backends.
  const fullModel = () => {
    shared.model ??= getBackend().then(async (backend) => {
      const model = await AltCLIPModel.fromPretrained(fixture.files, { ...load, backend });
      disposers.push(() => model.dispose());
      return model;
    });
    return shared.model;
  };
  switch (what) {
    case 'positionIds':
      return { positionIds: createPositionIds(inputIds, fixture.config.text_config.pad_token_id ?? 1) };
    case 'forward': {
      const model = await fullModel();
      return { forward: await model.forward({ inputIds, attentionMask, pixelValues, returnLoss: true, outputHiddenStates: true, outputAttentions: true }) };
    }
    case 'noLoss': {
      const model = await fullModel();
      return { noLoss: await model.forward({ inputIds, attentionMask, pixelValues }) };
    }
    case 'features': {
      const model = await fullModel();
      return { textFeatures: await model.getTextFeatures({ inputIds, attentionMask }), imageFeatures: await model.getImageFeatures({ pixelValues }) };
    }
    case 'single': {
      // A tower model from the full checkpoint: vision tensors, projections and logit_scale are reported unused, as in HF.
      const model = await AltCLIPTextModel.fromPretrained(fixture.files, { dtype, backendOptions, backend: await getBackend(), onWarning: () => {} });
      disposers.push(() => model.dispose());
      const ids = e('tokenizer/ids/00') as Tensor<'int64'>;
      const inputIds = new TensorClass('int64', ids.data, [1, ids.size]);
      return { single: (await model.forward({ inputIds })).poolerOutput };
    }
    case 'interpolate': {
      const interpolated = e('interpolate/pixel_values');
      const model = await fullModel();
      const vision = await AltCLIPVisionModel.fromPretrained(fixture.files, { dtype, backendOptions, backend: await getBackend(), onWarning: () => {} });
      disposers.push(() => vision.dispose());
      return {
        interpolatedFeatures: await model.getImageFeatures({ pixelValues: interpolated, interpolatePosEncoding: true }),
        interpolatedHidden: (await vision.forward({ pixelValues: interpolated, interpolatePosEncoding: true })).lastHiddenState,
      };
    }
  }
}

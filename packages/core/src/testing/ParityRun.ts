import type { ModelFiles } from '@altclip/hub';
import type { AltCLIPBackend, WeightDType } from '../backend/AltCLIPBackend.js';
import { AltCLIPModel } from '../model/AltCLIPModel.js';
import { AltCLIPTextModel } from '../model/AltCLIPTextModel.js';
import { AltCLIPVisionModel } from '../model/AltCLIPVisionModel.js';
import type { AltCLIPOutput } from '../model/outputs.js';
import { createPositionIds } from '../semantics/positionIds.js';
import type { IdTensor } from '../semantics/tensorInputs.js';
import { type Tensor, Tensor as TensorClass } from '../tensor/Tensor.js';
import type { AltCLIPFixture } from './loadFixture.js';

/** Golden tensors made by the processor, not the model: they are inputs here, checked by @altclip/processor. */
export const INPUT_TENSORS = /^(tokenizer\/|image\/|interpolate\/pixel_values$)/;

/** The golden tensors of a fixture that a model computes (the ones parity checks). */
export function parityTensorNames(fixture: AltCLIPFixture): string[] {
  return Object.keys(fixture.expectedJson.tensors).filter((n) => !INPUT_TENSORS.test(n));
}

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

export interface ParityRunOptions {
  fixture: AltCLIPFixture;
  createBackend: () => AltCLIPBackend | Promise<AltCLIPBackend>;
  dtype?: WeightDType;
  backendOptions?: Record<string, unknown>;
  /** Load the models from these files instead of the fixture's (e.g. an exported folder of the fixture); golden tensors stay the fixture's. */
  modelFiles?: ModelFiles;
}

/**
 * Computes, through the public model API and one backend, the tensor each golden name of a
 * fixture describes, with the exact call expected.json records. Free of any test runner, so the
 * vitest suite (describeParity) and the CLI's parity report share it. Each computation runs once.
 */
export class ParityRun {
  readonly fixture: AltCLIPFixture;
  readonly dtype: WeightDType;
  readonly #options: ParityRunOptions;
  #backend: Promise<AltCLIPBackend> | undefined;
  readonly #pending = new Map<Computation, Promise<Results>>();
  readonly #disposers: (() => Promise<void>)[] = [];
  readonly #shared: { model?: Promise<AltCLIPModel> } = {};

  constructor(options: ParityRunOptions) {
    this.#options = options;
    this.fixture = options.fixture;
    this.dtype = options.dtype ?? 'fp32';
  }

  backend(): Promise<AltCLIPBackend> {
    this.#backend ??= Promise.resolve(this.#options.createBackend());
    return this.#backend;
  }

  /** Whether core knows how to compute a golden tensor of this name. */
  static knows(name: string): boolean {
    return locate(name) !== undefined;
  }

  /** The computed tensor for a golden name (undefined when the backend returned none). */
  async compute(name: string): Promise<Tensor | undefined> {
    const lookup = locate(name);
    if (!lookup) throw new Error(`ParityRun has no mapping for fixture tensor '${name}'; add one in core's ParityRun`);
    return lookup.get(await this.#compute(lookup.computation));
  }

  /** The full forward pass (with loss, hidden states and attentions) on the fixture batch. */
  async forward(): Promise<AltCLIPOutput> {
    return (await this.#compute('forward')).forward!;
  }

  async forwardWithoutLoss(): Promise<AltCLIPOutput> {
    return (await this.#compute('noLoss')).noLoss!;
  }

  async dispose(): Promise<void> {
    for (const dispose of this.#disposers.splice(0)) await dispose();
    const backend = this.#backend;
    this.#backend = undefined;
    await (await backend)?.dispose?.();
  }

  #compute(what: Computation): Promise<Results> {
    let p = this.#pending.get(what);
    if (!p) {
      const fixture = this.#options.modelFiles ? { ...this.fixture, files: this.#options.modelFiles } : this.fixture;
      p = run(what, fixture, () => this.backend(), this.dtype, this.#options.backendOptions, this.#disposers, this.#shared);
      this.#pending.set(what, p);
    }
    return p;
  }
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

import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { writeSafetensors } from '../checkpoint/safetensors/writeSafetensors.js';
import { InputValidationError } from '../errors/InputValidationError.js';
import { memoryFiles } from '@altclip/hub';
import { Tensor } from '../tensor/Tensor.js';
import { fixtureUrl, loadFixture } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { AltCLIPModel } from './AltCLIPModel.js';
import { AltCLIPTextModel } from './AltCLIPTextModel.js';
import { AltCLIPVisionModel } from './AltCLIPVisionModel.js';

describe('AltCLIPModel', async () => {
  const fixture = await loadFixture();
  const backend = new ReferenceBackend();
  const e = (name: string) => fixture.expected.get(name)!;
  const inputIds = e('tokenizer/batch/input_ids') as Tensor<'int64'>;
  const attentionMask = e('tokenizer/batch/attention_mask') as Tensor<'int64'>;
  const pixelValues = e('image/pixel_values_batch');
  // Two texts and two images keep these tests quick; parity runs the full batch.
  const rows = <T extends Tensor>(t: T, n: number): T => {
    const per = t.size / t.dims[0];
    return new Tensor(t.dtype, t.data.slice(0, n * per) as never, [n, ...t.dims.slice(1)]) as T;
  };
  const small = { inputIds: rows(inputIds, 2), attentionMask: rows(attentionMask, 2), pixelValues: rows(pixelValues as Tensor<'float32'>, 2) };
  const embedsOf = async (model: AltCLIPModel) => (await model.forward(small)).textEmbeds.data;

  it('loads a local directory (Node) with safetensors', async () => {
    const model = await AltCLIPModel.fromPretrained(fileURLToPath(fixtureUrl()), { backend, onWarning: (m) => expect.fail(m) });
    expect(model.logitScale).toBeCloseTo(2.9, 6);
    expect(model.loadReport.missingKeys).toEqual([]);
    const out = await model.forward({ ...small, returnLoss: true });
    expect(out.loss!.dims).toEqual([]);
    expect(out.logitsPerImage.dims).toEqual([2, 2]);
  });

  it('gives identical outputs from pytorch_model.bin, sharded safetensors and model.safetensors', async () => {
    const reference = await embedsOf(await AltCLIPModel.fromPretrained(fixture.files, { backend }));
    const read = async (f: string) => (await (await fixture.files.open(f))!.read(0, (await fixture.files.open(f))!.size)).slice();
    const config = await read('config.json');
    const bin = memoryFiles({ 'config.json': config, 'pytorch_model.bin': await read('pytorch_model.bin') }, 'bin');
    expect(await embedsOf(await AltCLIPModel.fromPretrained(bin, { backend }))).toEqual(reference);
    const names = [...fixture.weights.keys()];
    const half = (i: number) => new Map(names.filter((_, k) => k % 2 === i).map((n) => [n, fixture.weights.get(n)!]));
    const index = { metadata: {}, weight_map: Object.fromEntries(names.map((n, k) => [n, `model-0000${(k % 2) + 1}-of-00002.safetensors`])) };
    const sharded = memoryFiles(
      {
        'config.json': config,
        'model.safetensors.index.json': JSON.stringify(index),
        'model-00001-of-00002.safetensors': writeSafetensors(half(0)),
        'model-00002-of-00002.safetensors': writeSafetensors(half(1)),
      },
      'sharded',
    );
    expect(await embedsOf(await AltCLIPModel.fromPretrained(sharded, { backend }))).toEqual(reference);
  });

  it('validates inputs with errors that name the argument', async () => {
    const model = await AltCLIPModel.fromPretrained(fixture.files, { backend });
    const tooBig = new Tensor('int64', BigInt64Array.from([0n, 3002n, 2n]), [1, 3]);
    await expect(model.forward({ ...small, inputIds: tooBig, attentionMask: undefined })).rejects.toThrow(/inputIds\[0\]\[1\] = 3002 is outside \[0, 3002\)/);
    const long = new Tensor('int64', new BigInt64Array(65).fill(5n), [1, 65]);
    await expect(model.getTextFeatures({ inputIds: long })).rejects.toThrow(/at most max_position_embeddings − 2 = 64/);
    await expect(model.getTextFeatures({ inputIds: new Tensor('int64', new BigInt64Array(64).fill(5n), [1, 64]) })).resolves.toBeDefined();
    await expect(model.forward({ ...small, attentionMask: [[1, 1]] })).rejects.toThrow(/attentionMask: shape \[1, 2\] differs from inputIds \[2, 64\]/);
    const wrongSize = new Tensor('float32', new Float32Array(3 * 36 * 36), [1, 3, 36, 36]);
    await expect(model.getImageFeatures({ pixelValues: wrongSize })).rejects.toThrow("Input image size (36*36) doesn't match model (30*30).");
    await expect(model.getImageFeatures({ pixelValues: wrongSize, interpolatePosEncoding: true })).resolves.toBeDefined();
    const oneImage = rows(pixelValues as Tensor<'float32'>, 1);
    await expect(model.forward({ ...small, pixelValues: oneImage, returnLoss: true })).rejects.toThrow(InputValidationError);
    await expect(model.forward({ ...small, pixelValues: oneImage })).resolves.toBeDefined();
  });

  it('builds random models from a config like HF (seeded, reproducible)', async () => {
    const a = await AltCLIPModel.fromConfig(fixture.configJson, { backend, seed: 3 });
    const b = await AltCLIPModel.fromConfig(fixture.config, { backend, seed: 3 });
    const c = await AltCLIPModel.fromConfig(fixture.config, { backend, seed: 4 });
    expect(a.logitScale).toBeCloseTo(fixture.config.logit_scale_init_value, 6);
    expect(await embedsOf(a)).toEqual(await embedsOf(b));
    expect(await embedsOf(a)).not.toEqual(await embedsOf(c));
    const text = await AltCLIPTextModel.fromConfig(fixture.configJson.text_config as Record<string, unknown>, { backend });
    expect((await text.forward({ inputIds: [[0, 5, 2]] })).lastHiddenState.dims).toEqual([1, 3, 24]);
    const vision = await AltCLIPVisionModel.fromConfig(fixture.configJson.vision_config as Record<string, unknown>, { backend });
    expect((await vision.forward({ pixelValues: small.pixelValues })).poolerOutput.dims).toEqual([2, 32]);
  });

  it('refuses a dtype the backend does not support', async () => {
    await expect(AltCLIPModel.fromPretrained(fixture.files, { backend, dtype: 'int8' })).rejects.toThrow(/does not support dtype 'int8'/);
  });
});

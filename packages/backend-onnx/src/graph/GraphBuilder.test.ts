import { describe, expect, it } from 'vitest';
import { importOnnxruntimeNode } from '../node/createOnnxNodeBackend.js';
import { decodeModelProto } from '../proto/encodeModelProto.js';
import { OnnxDataType } from '../proto/OnnxDataType.js';
import { serializeModel } from '../serialize/serializeModel.js';
import { loadTinyFixture } from '../testing/tinyFixture.js';
import { WeightReader } from '../weights/WeightReader.js';
import { GraphBuildError, GraphBuilder } from './GraphBuilder.js';
import { buildTextTowerGraph } from './textTowerGraph.js';

describe('GraphBuilder', () => {
  it('makes value names unique and refuses a reused input/output name', () => {
    const g = new GraphBuilder('g');
    const x = g.input('x', OnnxDataType.FLOAT, ['batch']);
    expect(g.node('Relu', [x])).not.toBe(g.node('Relu', [x]));
    expect(() => g.input('x', OnnxDataType.FLOAT, [1])).toThrow(GraphBuildError);
  });

  it('round-trips through onnx.proto with opset 17, IR 8 and symbolic dims', () => {
    const g = new GraphBuilder('g');
    const x = g.input('x', OnnxDataType.FLOAT, ['batch', 3]);
    g.output('y', g.node('Relu', [x]), OnnxDataType.FLOAT, ['batch', 3]);
    const model = decodeModelProto(serializeModel(g)) as {
      ir_version: number;
      opset_import: unknown[];
      graph: { input: { type: { tensor_type: { shape: { dim: unknown[] } } } }[]; node: { op_type: string }[] };
    };
    expect(model.ir_version).toBe(8);
    expect(model.opset_import).toEqual([{ domain: '', version: 17 }]);
    expect(model.graph.input[0].type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_value: 3 }]);
    expect(model.graph.node.map((n: { op_type: string }) => n.op_type)).toEqual(['Relu', 'Identity']);
  });

  it('builds a text tower that ORT loads with the documented inputs, outputs and inferred dynamic shapes', async () => {
    const f = await loadTinyFixture();
    const ort = await importOnnxruntimeNode();
    const g = buildTextTowerGraph(f.textConfig, new WeightReader('text', f.text), { dtype: 'fp32', attention: 'standard', allOutputs: true });
    const session = (await ort.InferenceSession.create(serializeModel(g))) as unknown as {
      inputNames: string[];
      outputNames: string[];
      outputMetadata: { name: string; shape?: (number | string)[] }[];
      release(): Promise<void>;
    };
    expect(session.inputNames).toEqual(['input_ids', 'position_ids', 'token_type_ids', 'additive_mask']);
    expect(session.outputNames.slice(0, 3)).toEqual(['last_hidden_state', 'pooler_output', 'text_embeds']);
    expect(session.outputNames).toContain('hidden_states.2');
    expect(session.outputNames).toContain('attentions.1');
    const lhs = session.outputMetadata.find((m) => m.name === 'last_hidden_state');
    expect(lhs?.shape).toEqual(['batch', 'sequence', 24]);
    await session.release();
  });
});

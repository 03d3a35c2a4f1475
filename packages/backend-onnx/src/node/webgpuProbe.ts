import type { OrtModule } from '../runtime/OrtModule.js';
import { GraphBuilder } from '../graph/GraphBuilder.js';
import { OnnxDataType } from '../proto/OnnxDataType.js';
import { serializeModel } from '../serialize/serializeModel.js';

/**
 * Whether onnxruntime-node's bundled WebGPU EP gets an adapter here: creates a
 * one-node session on it. Resolves to undefined when it works, else ORT's reason.
 */
export async function webgpuUnavailableReason(ort: OrtModule): Promise<string | undefined> {
  const g = new GraphBuilder('probe');
  const x = g.input('x', OnnxDataType.FLOAT, [1]);
  g.output('y', g.node('Relu', [x]), OnnxDataType.FLOAT, [1]);
  try {
    const session = await ort.InferenceSession.create(serializeModel(g), { executionProviders: ['webgpu'] });
    await session.release();
    return undefined;
  } catch (error) {
    return String((error as Error).message ?? error);
  }
}

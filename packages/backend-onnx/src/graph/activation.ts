import type { GraphBuilder } from './GraphBuilder.js';
import { GraphBuildError } from './GraphBuilder.js';

/**
 * The activations of transformers' ACT2FN that AltCLIP configs use, written with
 * default-domain ops. ORT's optimiser fuses the erf and tanh forms into its Gelu
 * kernels, so there is no speed reason to emit contrib ops here.
 */
export function activation(g: GraphBuilder, x: string, name: string, prefix: string): string {
  switch (name) {
    case 'gelu':
    case 'gelu_python': {
      // 0.5·x·(1 + erf(x/√2)), the exact form PyTorch's nn.GELU() uses.
      const erf = g.node('Erf', [g.node('Div', [x, g.scalar('sqrt2', Math.SQRT2)])], {}, { prefix });
      const one = g.node('Add', [erf, g.scalar('one', 1)]);
      return g.node('Mul', [g.node('Mul', [x, one]), g.scalar('half', 0.5)], {}, { prefix: `${prefix}/gelu` });
    }
    case 'gelu_new':
    case 'gelu_pytorch_tanh':
    case 'gelu_fast': {
      // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
      const cube = g.node('Mul', [g.node('Mul', [x, x]), x]);
      const inner = g.node('Add', [x, g.node('Mul', [cube, g.scalar('c', 0.044715)])]);
      const t = g.node('Tanh', [g.node('Mul', [inner, g.scalar('k', Math.sqrt(2 / Math.PI))])]);
      return g.node('Mul', [g.node('Mul', [x, g.node('Add', [t, g.scalar('one', 1)])]), g.scalar('half', 0.5)], {}, { prefix: `${prefix}/gelu` });
    }
    case 'quick_gelu':
      return g.node('Mul', [x, g.node('Sigmoid', [g.node('Mul', [x, g.scalar('k', 1.702)])])], {}, { prefix: `${prefix}/quick_gelu` });
    case 'relu':
      return g.node('Relu', [x], {}, { prefix });
    case 'silu':
    case 'swish':
      return g.node('Mul', [x, g.node('Sigmoid', [x])], {}, { prefix: `${prefix}/silu` });
    case 'tanh':
      return g.node('Tanh', [x], {}, { prefix });
    case 'sigmoid':
      return g.node('Sigmoid', [x], {}, { prefix });
    default:
      throw new GraphBuildError(`config hidden_act "${name}" is not supported; expected one of gelu, gelu_python, gelu_new, gelu_pytorch_tanh, gelu_fast, quick_gelu, relu, silu, swish, tanh, sigmoid`);
  }
}

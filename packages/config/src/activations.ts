/**
 * The activation names HF transformers v4.47.1 accepts in `hidden_act` (the keys of `ACT2FN` in
 * `activations.py`). A name outside this list makes HF fail at model construction, so we reject it at load.
 */
export const HF_ACTIVATION_NAMES = [
  'gelu',
  'gelu_10',
  'gelu_fast',
  'gelu_new',
  'gelu_python',
  'gelu_pytorch_tanh',
  'gelu_accurate',
  'laplace',
  'leaky_relu',
  'linear',
  'mish',
  'quick_gelu',
  'relu',
  'relu2',
  'relu6',
  'sigmoid',
  'silu',
  'swish',
  'tanh',
] as const;

export type HFActivationName = (typeof HF_ACTIVATION_NAMES)[number];

export function isHFActivationName(name: unknown): name is HFActivationName {
  return typeof name === 'string' && (HF_ACTIVATION_NAMES as readonly string[]).includes(name);
}

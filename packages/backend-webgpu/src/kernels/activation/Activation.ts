/** Activations the matmul epilogue can fuse, by Hugging Face `hidden_act` name. */
export type Activation = 'none' | 'gelu' | 'gelu_new' | 'quick_gelu' | 'relu';

/** HF ACT2FN names that compute the same function as one of ours. */
const HF_ALIASES: Record<string, Activation> = {
  gelu: 'gelu',
  gelu_python: 'gelu',
  gelu_new: 'gelu_new',
  gelu_pytorch_tanh: 'gelu_new',
  gelu_fast: 'gelu_new',
  quick_gelu: 'quick_gelu',
  relu: 'relu',
};

export function activationFromHiddenAct(hiddenAct: unknown): Activation | undefined {
  return typeof hiddenAct === 'string' ? HF_ALIASES[hiddenAct] : undefined;
}

export const SUPPORTED_HIDDEN_ACTS: readonly string[] = Object.keys(HF_ALIASES);

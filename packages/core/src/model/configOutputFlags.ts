import type { PretrainedConfig } from '@altclip/config';

/**
 * HF's `output_attentions if output_attentions is not None else self.config.output_attentions` (and the same for
 * hidden states): a config.json saved with `output_hidden_states: true` makes every forward return them.
 */
export function configOutputFlags(
  config: PretrainedConfig,
  inputs: { outputAttentions?: boolean | null; outputHiddenStates?: boolean | null },
): { outputAttentions: boolean; outputHiddenStates: boolean } {
  return {
    outputAttentions: inputs.outputAttentions ?? config.extra.output_attentions === true,
    outputHiddenStates: inputs.outputHiddenStates ?? config.extra.output_hidden_states === true,
  };
}

/**
 * Graph input and output names. They are part of the public interface: externally
 * exported `text_model.onnx` / `vision_model.onnx` files are matched against them.
 */
export const TEXT_INPUTS = {
  inputIds: 'input_ids',
  positionIds: 'position_ids',
  tokenTypeIds: 'token_type_ids',
  additiveMask: 'additive_mask',
  /** Accepted from external models only: int64 1/0 mask, derived from the additive mask. */
  attentionMask: 'attention_mask',
} as const;

export const TEXT_OUTPUTS = {
  lastHiddenState: 'last_hidden_state',
  poolerOutput: 'pooler_output',
  embeds: 'text_embeds',
  hiddenStatePrefix: 'hidden_states.',
  attentionPrefix: 'attentions.',
} as const;

export const VISION_INPUTS = {
  pixelValues: 'pixel_values',
  positionEmbedding: 'position_embedding',
} as const;

export const VISION_OUTPUTS = {
  lastHiddenState: 'last_hidden_state',
  poolerOutput: 'pooler_output',
  embeds: 'image_embeds',
  hiddenStatePrefix: 'hidden_states.',
  attentionPrefix: 'attentions.',
} as const;

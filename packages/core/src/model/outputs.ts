import type { Tensor } from '../tensor/Tensor.js';

/** HF's `BaseModelOutputWithPoolingAndProjection` for AltCLIPTextModel. */
export interface AltCLIPTextModelOutput {
  /** [batch, seq, project_dim]: `transformation(pre_LN(roberta last hidden state))`. */
  readonly lastHiddenState: Tensor<'float32'>;
  /** [batch, project_dim]: row 0 ([CLS]) of lastHiddenState. */
  readonly poolerOutput: Tensor<'float32'>;
  /** RoBERTa hidden states: embeddings output, then each layer ([batch, seq, hidden]). */
  readonly hiddenStates?: readonly Tensor<'float32'>[];
  /** Per layer [batch, heads, seq, seq]. */
  readonly attentions?: readonly Tensor<'float32'>[];
}

/** HF's `BaseModelOutputWithPooling` for the vision transformer. */
export interface AltCLIPVisionModelOutput {
  /** [batch, 1 + patches, hidden]: encoder output (no post_layernorm). */
  readonly lastHiddenState: Tensor<'float32'>;
  /** [batch, hidden]: post_layernorm of the class token. */
  readonly poolerOutput: Tensor<'float32'>;
  /** After pre_layrnorm, then each layer. */
  readonly hiddenStates?: readonly Tensor<'float32'>[];
  readonly attentions?: readonly Tensor<'float32'>[];
}

/** HF's `AltCLIPOutput`. */
export interface AltCLIPOutput {
  /** Scalar contrastive loss, when `returnLoss`. */
  readonly loss?: Tensor<'float32'>;
  /** [images, texts]. */
  readonly logitsPerImage: Tensor<'float32'>;
  /** [texts, images]. */
  readonly logitsPerText: Tensor<'float32'>;
  /** [texts, projection_dim], L2-normalised. */
  readonly textEmbeds: Tensor<'float32'>;
  /** [images, projection_dim], L2-normalised. */
  readonly imageEmbeds: Tensor<'float32'>;
  readonly textModelOutput: AltCLIPTextModelOutput;
  readonly visionModelOutput: AltCLIPVisionModelOutput;
}

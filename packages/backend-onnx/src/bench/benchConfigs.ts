/** Model shapes the benchmark knows by name (HF config.json layout). */
export const BENCH_CONFIGS = {
  /** The released BAAI/AltCLIP architecture: XLM-R large text tower, ViT-L/14 at 224 px. */
  full: {
    projection_dim: 768,
    text_config: { vocab_size: 250002, hidden_size: 1024, num_hidden_layers: 24, num_attention_heads: 16, intermediate_size: 4096, max_position_embeddings: 514, project_dim: 768 },
    vision_config: { hidden_size: 1024, num_hidden_layers: 24, num_attention_heads: 16, intermediate_size: 4096, patch_size: 14, image_size: 224 },
  },
  /** A quick stand-in (≈ 1/8 of the compute) for comparing graph variants. */
  medium: {
    projection_dim: 256,
    text_config: { vocab_size: 30000, hidden_size: 512, num_hidden_layers: 8, num_attention_heads: 8, intermediate_size: 2048, max_position_embeddings: 514, project_dim: 256 },
    vision_config: { hidden_size: 512, num_hidden_layers: 8, num_attention_heads: 8, intermediate_size: 2048, patch_size: 16, image_size: 224 },
  },
} as const;

export type BenchConfigName = keyof typeof BENCH_CONFIGS;

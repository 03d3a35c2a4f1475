import type { ConfigDict } from './ConfigSchema.js';

/**
 * What `PretrainedConfig().to_dict()` holds in transformers v4.47.1 besides `model_type` and
 * `transformers_version`: the attributes every HF config carries. `to_diff_dict` drops a top-level key whose value
 * equals the one here, so these decide what `save_pretrained` leaves out.
 */
export const PRETRAINED_CONFIG_DEFAULTS: Readonly<ConfigDict> = Object.freeze({
  return_dict: true,
  output_hidden_states: false,
  output_attentions: false,
  torchscript: false,
  torch_dtype: null,
  use_bfloat16: false,
  tf_legacy_loss: false,
  pruned_heads: {},
  tie_word_embeddings: true,
  chunk_size_feed_forward: 0,
  is_encoder_decoder: false,
  is_decoder: false,
  cross_attention_hidden_size: null,
  add_cross_attention: false,
  tie_encoder_decoder: false,
  // Generation parameters HF still sets on every config for backward compatibility.
  max_length: 20,
  min_length: 0,
  do_sample: false,
  early_stopping: false,
  num_beams: 1,
  num_beam_groups: 1,
  diversity_penalty: 0.0,
  temperature: 1.0,
  top_k: 50,
  top_p: 1.0,
  typical_p: 1.0,
  repetition_penalty: 1.0,
  length_penalty: 1.0,
  no_repeat_ngram_size: 0,
  encoder_no_repeat_ngram_size: 0,
  bad_words_ids: null,
  num_return_sequences: 1,
  output_scores: false,
  return_dict_in_generate: false,
  forced_bos_token_id: null,
  forced_eos_token_id: null,
  remove_invalid_values: false,
  exponential_decay_length_penalty: null,
  suppress_tokens: null,
  begin_suppress_tokens: null,
  architectures: null,
  finetuning_task: null,
  // HF's `num_labels` setter (default 2) fills these; `num_labels` itself is not stored.
  id2label: { '0': 'LABEL_0', '1': 'LABEL_1' },
  label2id: { LABEL_0: 0, LABEL_1: 1 },
  tokenizer_class: null,
  prefix: null,
  bos_token_id: null,
  pad_token_id: null,
  eos_token_id: null,
  sep_token_id: null,
  decoder_start_token_id: null,
  task_specific_params: null,
  problem_type: null,
  _name_or_path: '',
  _attn_implementation_autoset: false,
});

/** The defaults above that are Python floats (HF writes them as `1.0`). */
export const PRETRAINED_CONFIG_FLOAT_KEYS: ReadonlySet<string> = new Set([
  'diversity_penalty',
  'temperature',
  'top_p',
  'typical_p',
  'repetition_penalty',
  'length_penalty',
]);

/** Keys HF's `to_dict` never writes (runtime-only state it strips before serialising). */
export const UNSERIALISED_KEYS: ReadonlySet<string> = new Set([
  '_auto_class',
  '_commit_hash',
  '_attn_implementation_internal',
  'attn_implementation',
  '_pre_quantization_dtype',
]);

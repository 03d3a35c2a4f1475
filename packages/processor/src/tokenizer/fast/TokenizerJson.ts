/**
 * The subset of the Hugging Face `tokenizers` serialization (`tokenizer.json`) an XLM-R style
 * Unigram tokenizer uses. Field names stay snake_case as on disk.
 */
export interface AddedTokenJson {
  id: number;
  content: string;
  single_word?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  normalized?: boolean;
  special?: boolean;
}

export type NormalizerJson =
  | { type: 'Sequence'; normalizers: NormalizerJson[] }
  | { type: 'Precompiled'; precompiled_charsmap: string | null }
  | { type: 'Replace'; pattern: { String?: string; Regex?: string }; content: string }
  | { type: 'Strip'; strip_left?: boolean; strip_right?: boolean }
  | { type: 'Prepend'; prepend: string };

export type PreTokenizerJson =
  | { type: 'Sequence'; pretokenizers: PreTokenizerJson[] }
  | {
      type: 'Metaspace';
      replacement: string;
      add_prefix_space?: boolean;
      prepend_scheme?: 'always' | 'first' | 'never';
      split?: boolean;
    };

export interface UnigramModelJson {
  type: 'Unigram';
  unk_id: number | null;
  vocab: Array<[string, number]>;
  byte_fallback?: boolean;
}

export type TemplatePiece = { SpecialToken: { id: string; type_id: number } } | { Sequence: { id: 'A' | 'B'; type_id: number } };

export type PostProcessorJson =
  | {
      type: 'TemplateProcessing';
      single: TemplatePiece[];
      pair: TemplatePiece[];
      special_tokens: Record<string, { id: string; ids: number[]; tokens: string[] }>;
    }
  | { type: 'RobertaProcessing'; sep: [string, number]; cls: [string, number] };

export type DecoderJson = {
  type: 'Metaspace';
  replacement: string;
  add_prefix_space?: boolean;
  prepend_scheme?: 'always' | 'first' | 'never';
};

export interface TokenizerJson {
  version?: string;
  added_tokens: AddedTokenJson[];
  normalizer: NormalizerJson | null;
  pre_tokenizer: PreTokenizerJson | null;
  post_processor: PostProcessorJson | null;
  decoder: DecoderJson | null;
  model: UnigramModelJson;
}

import { TokenizerFileError, UnsupportedTokenizerError } from '../TokenizerError.js';
import type { PostProcessorJson, TemplatePiece } from './TokenizerJson.js';

/** Adds the special tokens of a tokenizer.json post-processor around one or two id sequences. */
export class PostProcessor {
  private constructor(
    private readonly single: TemplatePiece[],
    private readonly pair: TemplatePiece[],
    private readonly specialIds: Map<string, number[]>,
  ) {}

  static fromJson(spec: PostProcessorJson | null): PostProcessor | null {
    if (!spec) return null;
    if (spec.type === 'RobertaProcessing') {
      const [cls, clsId] = spec.cls;
      const [sep, sepId] = spec.sep;
      const t = (id: string): TemplatePiece => ({ SpecialToken: { id, type_id: 0 } });
      const a: TemplatePiece = { Sequence: { id: 'A', type_id: 0 } };
      const b: TemplatePiece = { Sequence: { id: 'B', type_id: 0 } };
      return new PostProcessor([t(cls), a, t(sep)], [t(cls), a, t(sep), t(sep), b, t(sep)], new Map([[cls, [clsId]], [sep, [sepId]]]));
    }
    if (spec.type === 'TemplateProcessing') {
      const ids = new Map<string, number[]>();
      for (const [k, v] of Object.entries(spec.special_tokens ?? {})) ids.set(k, v.ids);
      for (const p of [...spec.single, ...spec.pair]) {
        if ('SpecialToken' in p && !ids.has(p.SpecialToken.id)) {
          throw new TokenizerFileError('tokenizer.json', `post_processor uses special token ${p.SpecialToken.id} missing from special_tokens`);
        }
      }
      return new PostProcessor(spec.single, spec.pair, ids);
    }
    throw new UnsupportedTokenizerError('tokenizer.json', `post_processor.type ${JSON.stringify((spec as { type: unknown }).type)} is not supported`);
  }

  addedTokens(isPair: boolean): number {
    let n = 0;
    for (const p of isPair ? this.pair : this.single) if ('SpecialToken' in p) n += this.specialIds.get(p.SpecialToken.id)!.length;
    return n;
  }

  /** Rust `Encoding::special_tokens_mask` after post-processing: 1 for each template special token, 0 for sequence tokens. */
  specialTokensMask(aLength: number, bLength: number | null): number[] {
    const out: number[] = [];
    for (const p of bLength !== null ? this.pair : this.single) {
      if ('SpecialToken' in p) for (const _ of this.specialIds.get(p.SpecialToken.id)!) out.push(1);
      else for (let i = 0; i < (p.Sequence.id === 'A' ? aLength : (bLength ?? 0)); i++) out.push(0);
    }
    return out;
  }

  apply(a: number[], b: number[] | null): number[] {
    const out: number[] = [];
    for (const p of b ? this.pair : this.single) {
      if ('SpecialToken' in p) out.push(...this.specialIds.get(p.SpecialToken.id)!);
      else out.push(...(p.Sequence.id === 'A' ? a : (b ?? [])));
    }
    return out;
  }
}

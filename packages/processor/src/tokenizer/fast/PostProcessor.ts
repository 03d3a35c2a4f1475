import { TokenizerFileError, UnsupportedTokenizerError } from '../TokenizerError.js';
import { expectArray, expectId, expectObject, expectString, fieldError, isObject } from './jsonFields.js';
import type { PostProcessorJson, TemplatePiece } from './TokenizerJson.js';

/** Adds the special tokens of a tokenizer.json post-processor around one or two id sequences. */
export class PostProcessor {
  private constructor(
    private readonly single: TemplatePiece[],
    private readonly pair: TemplatePiece[],
    private readonly specialIds: Map<string, number[]>,
    /** RobertaProcessing's `trim_offsets` (default true): Rust then trims whitespace off token offsets, not ported. */
    readonly trimsOffsets = false,
  ) {}

  static fromJson(spec: PostProcessorJson | null): PostProcessor | null {
    if (spec === null || spec === undefined) return null;
    expectObject(spec, 'post_processor');
    if (spec.type === 'RobertaProcessing') {
      const pair = (v: unknown, path: string): [string, number] => {
        const a = expectArray(v, path);
        if (a.length !== 2) throw fieldError(path, '[token, id]', v);
        return [expectString(a[0], `${path}[0]`), expectId(a[1], `${path}[1]`)];
      };
      const [cls, clsId] = pair(spec.cls, 'post_processor.cls');
      const [sep, sepId] = pair(spec.sep, 'post_processor.sep');
      const t = (id: string): TemplatePiece => ({ SpecialToken: { id, type_id: 0 } });
      const a: TemplatePiece = { Sequence: { id: 'A', type_id: 0 } };
      const b: TemplatePiece = { Sequence: { id: 'B', type_id: 0 } };
      const trim = (spec as { trim_offsets?: unknown }).trim_offsets;
      return new PostProcessor([t(cls), a, t(sep)], [t(cls), a, t(sep), t(sep), b, t(sep)], new Map([[cls, [clsId]], [sep, [sepId]]]), trim !== false);
    }
    if (spec.type === 'TemplateProcessing') {
      const ids = new Map<string, number[]>();
      for (const [k, v] of Object.entries(expectObject(spec.special_tokens ?? {}, 'post_processor.special_tokens'))) {
        const path = `post_processor.special_tokens[${JSON.stringify(k)}]`;
        ids.set(k, expectArray(expectObject(v, path).ids, `${path}.ids`).map((id, i) => expectId(id, `${path}.ids[${i}]`)));
      }
      for (const which of ['single', 'pair'] as const) {
        expectArray(spec[which], `post_processor.${which}`).forEach((p, i) => {
          const path = `post_processor.${which}[${i}]`;
          const piece = expectObject(p, path);
          if (isObject(piece.SpecialToken)) {
            const id = expectString(piece.SpecialToken.id, `${path}.SpecialToken.id`);
            if (!ids.has(id)) throw new TokenizerFileError('tokenizer.json', `post_processor uses special token ${id} missing from special_tokens`);
          } else if (isObject(piece.Sequence)) {
            if (piece.Sequence.id !== 'A' && piece.Sequence.id !== 'B') throw fieldError(`${path}.Sequence.id`, '"A" or "B"', piece.Sequence.id);
          } else throw fieldError(path, 'a SpecialToken or Sequence piece', p);
        });
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

  /** The offsets of `apply`'s output: each sequence's own, (0, 0) for the template's special tokens (as Rust). */
  offsets(a: Array<[number, number]>, b: Array<[number, number]> | null): Array<[number, number]> {
    let out: Array<[number, number]> = [];
    for (const p of b ? this.pair : this.single) {
      if ('SpecialToken' in p) out = out.concat(this.specialIds.get(p.SpecialToken.id)!.map((): [number, number] => [0, 0]));
      else out = out.concat(p.Sequence.id === 'A' ? a : (b ?? []));
    }
    return out;
  }

  apply(a: number[], b: number[] | null): number[] {
    // concat, not push(...ids): spreading a long sequence as arguments overflows the call stack.
    let out: number[] = [];
    for (const p of b ? this.pair : this.single) {
      if ('SpecialToken' in p) out = out.concat(this.specialIds.get(p.SpecialToken.id)!);
      else out = out.concat(p.Sequence.id === 'A' ? a : (b ?? []));
    }
    return out;
  }
}

/** Test support: serializes a SentencePiece `ModelProto` (the fields this port reads) for fuzzing. */
import type { SentencePieceModelProto } from '../sentencepiece/SentencePieceModelProto.js';

class Writer {
  // Chunks, not one number[] per byte: the charsmap alone is 240 kB.
  private chunks: Uint8Array[] = [];
  private small: number[] = [];

  private flush(): void {
    if (this.small.length > 0) this.chunks.push(Uint8Array.from(this.small));
    this.small = [];
  }

  varint(v: number): void {
    if (v < 0) {
      // int32 negatives are 10-byte two's complement varints, as protobuf writes them.
      let x = BigInt.asUintN(64, BigInt(v));
      for (let i = 0; i < 10; i++, x >>= 7n) this.small.push(Number(x & 0x7fn) | (i < 9 ? 0x80 : 0));
      return;
    }
    let x = v;
    while (x >= 0x80) {
      this.small.push((x % 0x80) | 0x80);
      x = Math.floor(x / 0x80);
    }
    this.small.push(x);
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  bytesField(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.varint(b.length);
    this.flush();
    this.chunks.push(b);
  }

  string(field: number, s: string): void {
    this.bytesField(field, new TextEncoder().encode(s));
  }

  float(field: number, f: number): void {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, f, true);
    this.small.push(...b);
  }

  intField(field: number, v: number): void {
    this.tag(field, 0);
    this.varint(v);
  }

  message(field: number, w: Writer): void {
    this.bytesField(field, w.done());
  }

  done(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

export function writeSentencePieceModel(m: SentencePieceModelProto): Uint8Array {
  const w = new Writer();
  for (const p of m.pieces) {
    const pw = new Writer();
    pw.string(1, p.piece);
    pw.float(2, p.score);
    pw.intField(3, p.type);
    w.message(1, pw);
  }
  const t = m.trainerSpec;
  const tw = new Writer();
  tw.intField(3, t.modelType);
  tw.intField(4, t.vocabSize);
  tw.intField(24, t.treatWhitespaceAsSuffix ? 1 : 0);
  tw.intField(35, t.byteFallback ? 1 : 0);
  tw.intField(40, t.unkId);
  tw.intField(41, t.bosId);
  tw.intField(42, t.eosId);
  tw.intField(43, t.padId);
  tw.string(45, t.unkPiece);
  tw.string(46, t.bosPiece);
  tw.string(47, t.eosPiece);
  tw.string(48, t.padPiece);
  w.message(2, tw);
  const n = m.normalizerSpec;
  const nw = new Writer();
  nw.string(1, n.name);
  nw.bytesField(2, n.precompiledCharsmap);
  nw.intField(3, n.addDummyPrefix ? 1 : 0);
  nw.intField(4, n.removeExtraWhitespaces ? 1 : 0);
  nw.intField(5, n.escapeWhitespaces ? 1 : 0);
  w.message(3, nw);
  return w.done();
}

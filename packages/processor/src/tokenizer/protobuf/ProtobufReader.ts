/**
 * Minimal protobuf wire-format reader: enough to walk a SentencePiece `ModelProto` without a
 * protobuf runtime (the processor package has no protobuf dependency). Errors carry the byte
 * offset so a truncated or foreign file is reported precisely.
 */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

export class ProtobufDecodeError extends Error {
  override name = 'ProtobufDecodeError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ProtobufReader {
  private pos: number;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a field key; returns the field number and wire type. */
  tag(): { field: number; wireType: number } {
    const key = this.varint();
    const field = Math.floor(key / 8);
    if (field === 0) throw new ProtobufDecodeError(`field number 0 at byte ${this.pos}`);
    return { field, wireType: key % 8 };
  }

  /** Unsigned varint up to 2^53 (larger values only occur in fields we skip). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError(`truncated varint at byte ${this.pos}`);
      const b = this.bytes[this.pos++];
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new ProtobufDecodeError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /**
   * int32 fields encode negatives as 10-byte two's complement varints; the value is the low 32
   * bits. Taken from the bytes, not from `varint()`'s double, which rounds 2^64 - 1 (that is, -1)
   * to 2^64 and so read every negative int32 as 0 (found by fuzzing: `pad_id: -1` read as 0).
   */
  int32(): number {
    let low = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError(`truncated varint at byte ${this.pos}`);
      const b = this.bytes[this.pos++];
      if (i < 5) low |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) return low | 0;
    }
    throw new ProtobufDecodeError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  bool(): boolean {
    return this.varint() !== 0;
  }

  float(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  bytesField(): Uint8Array {
    const len = this.varint();
    this.need(len);
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(): string {
    const b = this.bytesField();
    try {
      return utf8.decode(b);
    } catch {
      throw new ProtobufDecodeError(`invalid UTF-8 string ending at byte ${this.pos}`);
    }
  }

  /** A reader over the next length-delimited field (an embedded message). */
  message(): ProtobufReader {
    const len = this.varint();
    this.need(len);
    const sub = new ProtobufReader(this.bytes, this.pos, this.pos + len);
    this.pos += len;
    return sub;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.varint();
        return;
      case WireType.fixed64:
        this.need(8);
        this.pos += 8;
        return;
      case WireType.lengthDelimited:
        this.bytesField();
        return;
      case WireType.fixed32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType} at byte ${this.pos}`);
    }
  }

  private need(n: number): void {
    if (this.pos + n > this.end) {
      throw new ProtobufDecodeError(`field of ${n} bytes at byte ${this.pos} runs past the end (${this.end})`);
    }
  }
}

/** config.json is not valid JSON; names the file and the 1-based line and column of the first bad character. */
export class ConfigJsonSyntaxError extends Error {
  override readonly name = 'ConfigJsonSyntaxError';
  readonly source: string;
  readonly line: number;
  readonly column: number;
  /** 0-based offset in the text (UTF-16 code units). */
  readonly offset: number;
  readonly reason: string;

  constructor(source: string, reason: string, line: number, column: number, offset: number) {
    super(`${source}:${line}:${column}: malformed JSON: ${reason}`);
    this.source = source;
    this.reason = reason;
    this.line = line;
    this.column = column;
    this.offset = offset;
  }
}

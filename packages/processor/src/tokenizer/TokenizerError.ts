/** Base class of every error the tokenizer throws, so callers can catch them as one family. */
export class TokenizerError extends Error {
  override name = 'TokenizerError';
}

/**
 * A tokenizer file is missing, unreadable or malformed. `file` is the file name as the model folder
 * spells it (e.g. `sentencepiece.bpe.model`), `problem` says what was expected.
 */
export class TokenizerFileError extends TokenizerError {
  override name = 'TokenizerFileError';
  readonly file: string;
  readonly problem: string;

  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
    this.problem = problem;
  }
}

/** The file is well-formed but uses a feature this port does not implement (e.g. a BPE model). */
export class UnsupportedTokenizerError extends TokenizerFileError {
  override name = 'UnsupportedTokenizerError';
}

/** A call argument is invalid; `argument` names it. */
export class TokenizerArgumentError extends TokenizerError {
  override name = 'TokenizerArgumentError';
  readonly argument: string;

  constructor(argument: string, problem: string) {
    super(`${argument}: ${problem}`);
    this.argument = argument;
  }
}

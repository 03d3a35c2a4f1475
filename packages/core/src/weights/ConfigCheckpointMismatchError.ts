import { CheckpointError } from './CheckpointError.js';

/** One config field that a checkpoint tensor contradicts. */
export interface ConfigCheckpointProblem {
  /** Dotted config field, e.g. `text_config.hidden_size`. */
  readonly field: string;
  /** What the config says (the dimension it implies, or the layer count). */
  readonly configValue: number;
  /** What the checkpoint holds for it. */
  readonly checkpointValue: number;
  /** The checkpoint tensor that shows it (its name in the file). */
  readonly tensor: string;
  readonly checkpointShape: readonly number[];
}

/**
 * config.json disagrees with the checkpoint's tensor shapes, found from the file headers before any weight is
 * read or allocated. HF would build the model first (allocating what the config declares) and then fail with
 * size mismatches; this names the config field instead.
 */
export class ConfigCheckpointMismatchError extends CheckpointError {
  override name = 'ConfigCheckpointMismatchError';
  readonly problems: readonly ConfigCheckpointProblem[];

  constructor(modelClass: string, checkpoint: string, problems: readonly ConfigCheckpointProblem[]) {
    const lines = problems.map(
      (p) =>
        `  - ${p.field}: the config implies ${p.configValue}, the checkpoint has ${p.checkpointValue} ` +
        `('${p.tensor}' has shape [${p.checkpointShape.join(', ')}])`,
    );
    super(
      `${checkpoint}: the config does not match the checkpoint of ${modelClass} (${problems.length} field${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n` +
        '  Fix config.json, or pass `ignoreMismatchedSizes: true` to re-initialise the mismatched parameters (HF semantics).',
    );
    this.problems = problems;
  }
}

/** What `fromPretrained` found when matching a checkpoint to a model, in HF's terms. */
export interface LoadReport {
  /** Model parameters absent from the checkpoint; they were newly initialised. */
  readonly missingKeys: readonly string[];
  /** Checkpoint tensors the model has no parameter for; they were not used. */
  readonly unexpectedKeys: readonly string[];
  /** Parameters whose checkpoint shape differs (only when ignoreMismatchedSizes; they were re-initialised). */
  readonly mismatchedKeys: readonly { key: string; checkpointShape: readonly number[]; modelShape: readonly number[] }[];
  /** Checkpoint tensors holding NaN or ±Infinity (loaded as HF does, with a warning HF does not give). */
  readonly nonFiniteKeys?: readonly string[];
}

const torchSize = (shape: readonly number[]) => `torch.Size([${shape.join(', ')}])`;

/** HF's warnings for a load report (modeling_utils `_load_pretrained_model`, v4.47.1). */
export function loadReportWarnings(report: LoadReport, modelClass: string, checkpoint: string): string[] {
  const warnings: string[] = [];
  if (report.unexpectedKeys.length > 0) {
    warnings.push(
      `Some weights of the model checkpoint at ${checkpoint} were not used when initializing ${modelClass}: [${report.unexpectedKeys.map((k) => `'${k}'`).join(', ')}]\n` +
        `- This IS expected if you are initializing ${modelClass} from the checkpoint of a model trained on another task or with another architecture.\n` +
        `- This IS NOT expected if you are initializing ${modelClass} from the checkpoint of a model that you expect to be exactly identical.`,
    );
  }
  if (report.missingKeys.length > 0) {
    warnings.push(
      `Some weights of ${modelClass} were not initialized from the model checkpoint at ${checkpoint} and are newly initialized: [${report.missingKeys.map((k) => `'${k}'`).join(', ')}]\n` +
        'You should probably TRAIN this model on a down-stream task to be able to use it for predictions and inference.',
    );
  }
  if (report.mismatchedKeys.length > 0) {
    const lines = report.mismatchedKeys.map((m) => `- ${m.key}: found shape ${torchSize(m.checkpointShape)} in the checkpoint and ${torchSize(m.modelShape)} in the model instantiated`);
    warnings.push(
      `Some weights of ${modelClass} were not initialized from the model checkpoint at ${checkpoint} and are newly initialized because the shapes did not match:\n${lines.join('\n')}\n` +
        'You should probably TRAIN this model on a down-stream task to be able to use it for predictions and inference.',
    );
  }
  return warnings;
}

export function sizeMismatchMessage(modelClass: string, mismatched: LoadReport['mismatchedKeys']): string {
  const lines = mismatched.map(
    (m) => `\tsize mismatch for ${m.key}: copying a param with shape ${torchSize(m.checkpointShape)} from checkpoint, the shape in current model is ${torchSize(m.modelShape)}.`,
  );
  return `Error(s) in loading state_dict for ${modelClass}:\n${lines.join('\n')}\n\tYou may consider adding \`ignoreMismatchedSizes: true\` in the model \`fromPretrained\` options.`;
}

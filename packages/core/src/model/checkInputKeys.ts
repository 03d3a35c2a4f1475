import { InputValidationError } from '../errors/InputValidationError.js';

/** HF forward arguments with no counterpart here, refused with the reason instead of ignored. */
const REFUSED: Readonly<Record<string, string>> = {
  returnDict: 'outputs are always HF\'s output objects (return_dict=True)',
  headMask: 'head masks are not implemented',
  inputsEmbeds: 'pass inputIds (embedding lookups happen in the backend)',
  encoderHiddenStates: "AltCLIP's text model is not used as a decoder",
  encoderAttentionMask: "AltCLIP's text model is not used as a decoder",
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Refuses keys of a model call's inputs that the method does not take (a plain-JavaScript caller's typo, a snake_case
 * key, or a processor output with extra fields), as Python refuses unexpected keyword arguments.
 */
export function checkInputKeys(inputs: unknown, allowed: readonly string[], method: string): void {
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) throw new InputValidationError(`${method}: expected an inputs object`);
  for (const [key, value] of Object.entries(inputs)) {
    if (value === undefined || allowed.includes(key)) continue;
    if (Object.hasOwn(REFUSED, key)) throw new InputValidationError(`${method}: '${key}' is not supported: ${REFUSED[key]}`);
    const hint = camel(key) !== key && allowed.includes(camel(key)) ? ` (inputs are camelCase here: '${camel(key)}')` : '';
    throw new InputValidationError(`${method}: unexpected input '${key}'${hint}; accepted: ${allowed.join(', ')}`);
  }
}

export const TEXT_INPUT_KEYS = ['inputIds', 'attentionMask', 'positionIds', 'tokenTypeIds', 'outputAttentions', 'outputHiddenStates'] as const;
export const IMAGE_INPUT_KEYS = ['pixelValues', 'interpolatePosEncoding', 'outputAttentions', 'outputHiddenStates'] as const;
export const FORWARD_INPUT_KEYS = [...new Set([...TEXT_INPUT_KEYS, ...IMAGE_INPUT_KEYS, 'returnLoss'])];

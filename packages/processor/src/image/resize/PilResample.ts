/**
 * PIL's resampling filter ids (`PIL.Image.Resampling`), the integers HF stores as `resample` in
 * `preprocessor_config.json`.
 */
export const PilResample = {
  NEAREST: 0,
  LANCZOS: 1,
  BILINEAR: 2,
  BICUBIC: 3,
  BOX: 4,
  HAMMING: 5,
} as const;

export type PilResample = (typeof PilResample)[keyof typeof PilResample];

export function isPilResample(value: unknown): value is PilResample {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 5;
}

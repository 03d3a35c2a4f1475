import type { AltCLIPVisionConfig } from '@altclip/config';
import { ConfigFields } from '../config/ConfigFields.js';

/** The vision config fields the CLIP ViT tower needs, validated once at load. */
export interface VisionDims {
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  readonly intermediate: number;
  readonly eps: number;
  readonly act: string;
  readonly channels: number;
  readonly patch: number;
  readonly imageSize: number;
  /** 1 + (image_size / patch_size)²: rows of the stored position embedding. */
  readonly positions: number;
}

export function readVisionDims(config: AltCLIPVisionConfig): VisionDims {
  const f = new ConfigFields(config, 'vision_config');
  const hidden = f.positiveInteger('hidden_size');
  const heads = f.positiveInteger('num_attention_heads');
  f.headDim(hidden, heads);
  const patch = f.positiveInteger('patch_size');
  const imageSize = f.positiveInteger('image_size');
  const grid = Math.floor(imageSize / patch);
  return {
    hidden,
    heads,
    layers: f.positiveInteger('num_hidden_layers'),
    intermediate: f.positiveInteger('intermediate_size'),
    eps: f.positiveNumber('layer_norm_eps'),
    act: f.string('hidden_act'),
    channels: f.positiveInteger('num_channels'),
    patch,
    imageSize,
    positions: 1 + grid * grid,
  };
}

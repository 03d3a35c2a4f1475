import { existsSync } from 'node:fs';
import { Tensor } from '@altclip/core';
import type { AltCLIPProcessor } from '@altclip/processor';
import { CliError } from '../cli/CliError.js';
import type { CommandIO } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

/** Decodes and preprocesses image files in the order given → pixel_values [N, 3, H, W]. */
export async function preprocessImages(io: CommandIO, processor: AltCLIPProcessor, files: readonly string[]): Promise<Tensor<'float32'>> {
  const paths = files.map((file) => {
    const path = resolvePath(io, file);
    if (!existsSync(path)) throw new CliError(`${file}: no such image file`);
    return path;
  });
  const { pixelValues } = await processor({ images: paths });
  if (!pixelValues) throw new CliError('the processor returned no pixel values');
  return new Tensor('float32', pixelValues.data, pixelValues.dims);
}

import { writeFile } from 'node:fs/promises';
import { writeSafetensors } from '@altclip/core';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';
import { modelFolder } from '../pipeline/modelFolder.js';
import { preprocessImages } from '../pipeline/preprocessImages.js';

export const preprocessCommand = defineCommand({
  name: 'preprocess',
  summary: "Preprocess images with the model folder's preprocessor_config.json → pixel_values (F32, N×3×H×W) in a safetensors file.",
  usage: '--model <dir> --images <file>… --out <file.safetensors>',
  options: {
    model: { type: 'string', description: 'model folder with preprocessor_config.json', required: true, valueName: 'dir' },
    images: { type: 'list', description: 'image files, kept in order', required: true, valueName: 'file' },
    out: { type: 'string', description: 'output safetensors file', required: true, valueName: 'file.safetensors' },
  },
  async run({ options }, io) {
    const dir = modelFolder(io, String(options.model));
    const processor = await loadProcessor(dir);
    const pixelValues = await preprocessImages(io, processor, options.images as string[]);
    await writeFile(resolvePath(io, String(options.out)), writeSafetensors({ pixel_values: pixelValues }, { format: 'pt' }));
    io.stderr(`wrote pixel_values [${pixelValues.dims.join(', ')}] to ${options.out}\n`);
  },
});

export { CLIPImageProcessor, PREPROCESSOR_CONFIG_FILE } from './image/CLIPImageProcessor.js';
export {
  type CLIPImageProcessorConfig,
  type CLIPImageProcessorDict,
  OPENAI_CLIP_MEAN,
  OPENAI_CLIP_STD,
  parseCLIPImageProcessorConfig,
} from './image/config/CLIPImageProcessorConfig.js';
export { getSizeDict, type SizeDict } from './image/config/SizeDict.js';
export type { PixelBuffer } from './image/PixelBuffer.js';
export type { PixelValues } from './image/PixelValues.js';
export type { DecodedImage, PilMode } from './image/DecodedImage.js';
export { type RawImage, rawImageToDecoded } from './image/RawImage.js';
export type { ImageInput, JpegDecoderChoice, LoadImageOptions } from './image/decode/ImageInput.js';
export { decodeImage, decodedToRgb, loadImage } from './image/decode/loadImage.js';
export { convertToRgb } from './image/color/convertToRgb.js';
export { applyExifOrientation } from './image/exif/applyExifOrientation.js';
export { PilResample } from './image/resize/PilResample.js';
export { resizePil, type ResizeOptions } from './image/resize/resizePil.js';
export { centerCrop } from './image/transforms/centerCrop.js';
export { getResizeOutputSize } from './image/transforms/getResizeOutputSize.js';
export { toPixelValues } from './image/transforms/toPixelValues.js';
export { ImageDecodeError } from './errors/ImageDecodeError.js';
export { UnsupportedImageFormatError } from './errors/UnsupportedImageFormatError.js';
export { InvalidImageError } from './errors/InvalidImageError.js';
export { ProcessorConfigError } from './errors/ProcessorConfigError.js';
export { ProcessorInputError } from './errors/ProcessorInputError.js';
export { AltCLIPProcessor, type AltCLIPProcessorCall, type AltCLIPProcessorOutput, type AltCLIPProcessorResult, type ModelFileReader } from './AltCLIPProcessor.js';
export * from './tokenizer/index.js';

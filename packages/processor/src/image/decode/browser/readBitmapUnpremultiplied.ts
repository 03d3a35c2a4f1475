/**
 * Reads an ImageBitmap (made with `premultiplyAlpha: 'none'`) through WebGL2 instead of a 2D canvas: a
 * texture uploaded without premultiplication or colour conversion and read back from a framebuffer keeps
 * the decoded RGBA exactly, where a canvas stores premultiplied alpha and loses the colour of (partly)
 * transparent pixels, which PIL's `convert('RGB')` keeps. `undefined` when WebGL2 is unavailable or the
 * image exceeds its texture size; the caller then falls back to the canvas.
 */
export function readBitmapUnpremultiplied(bitmap: ImageBitmap): Uint8Array | undefined {
  const { width, height } = bitmap;
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext('webgl2', { premultipliedAlpha: false, antialias: false, depth: false, stencil: false });
  if (!gl) return undefined;
  try {
    const max = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    if (width > max || height > max) return undefined;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
    const framebuffer = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    if (gl.checkFramebufferStatus(gl.FRAMEBUFFER) !== gl.FRAMEBUFFER_COMPLETE) return undefined;
    const out = new Uint8Array(width * height * 4);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
    // Texture row 0 is the image's first row and framebuffer row 0, which readPixels returns first.
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, out);
    if (gl.getError() !== gl.NO_ERROR) return undefined;
    gl.deleteFramebuffer(framebuffer);
    gl.deleteTexture(texture);
    return out;
  } finally {
    // Contexts are a scarce resource in browsers; release this one now rather than at garbage collection.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

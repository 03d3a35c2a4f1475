#!/usr/bin/env python3
"""Builds the decode-agreement corpus (issue #12) and its expected values, with PIL 9.4 as the oracle.

Run once, at fixture-creation time, from the oracle environment (../shared/oracle/README.md):

    source ~/.cache/altclip-oracle/env.sh
    cd /tmp && $PY /path/to/packages/processor/test-data/photo-corpus/generate.py

Stage 1 (skipped with --expected-only) writes images/ from the fixture photos (scikit-image's chelsea, coffee,
astronaut, camera, copied into fixtures/altclip-tiny/images) with the encoders a user's files come from:
libjpeg-turbo's cjpeg/jpegtran, ImageMagick, libwebp's cwebp/img2webp and PIL's own writers, plus the ICC
profiles of Debian's icc-profiles-free and colord-data. Stage 2 opens every file with PIL and writes
expected.safetensors.gzip and manifest.json:

  rgb/<sha[:16]>    uint8 [h, w, 3]  Image.open(p).convert('RGB')       (HF's input, no EXIF rotation),
                                     keyed by the first 16 hex digits of its sha256 (stored once)
  pv30/<name>       float32 [3,30,30] transformers 4.47.1 CLIPImageProcessor(fixture config)(Image.open(p))
  manifest: PIL mode/size/format, sha256 of the RGB bytes and of the BAAI-224 pixel_values (float32, C order),
            and for EXIF files the size and sha256 of ImageOps.exif_transpose(Image.open(p)).convert('RGB').

For the camera-sized photo only a hash and every 379th row of the RGB are stored (rgbRows/<name>).
Nothing here is imported by the tests; they read the committed files and need no Python.
"""
import gzip
import hashlib
import io
import json
import os
import tempfile
import struct
import subprocess
import sys
import zlib

import numpy as np
from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
FIX = os.path.join(REPO, 'fixtures', 'altclip-tiny')
IMG = os.path.join(HERE, 'images')
ICC = '/usr/share/color/icc'
# Intermediate sources (PPM/PNG fed to cjpeg, convert, cwebp): the system's temporary folder, not the repo.
TMP = os.path.join(tempfile.gettempdir(), 'photo-corpus-src')
BIG_ROW_STEP = 379


def icc(name):
    for root, _dirs, files in os.walk(ICC):
        if name in files:
            return os.path.join(root, name)
    raise FileNotFoundError(name)


def run(*args):
    subprocess.run([str(a) for a in args], check=True)


def sources():
    os.makedirs(TMP, exist_ok=True)
    chelsea = Image.open(os.path.join(FIX, 'images', 'chelsea.png')).convert('RGB')
    coffee = Image.open(os.path.join(FIX, 'images', 'coffee.jpg')).convert('RGB')
    astronaut = Image.open(os.path.join(FIX, 'images', 'astronaut.png')).convert('RGB')
    camera = Image.open(os.path.join(FIX, 'images', 'camera_gray.png')).convert('L')
    s = {
        'cat': chelsea.crop((150, 40, 301, 137)),  # 151 x 97: odd in both directions
        'cup': coffee.crop((200, 60, 389, 203)),  # 189 x 143
        'face': astronaut.crop((130, 40, 257, 185)),  # 127 x 145
        'gray': camera.crop((180, 60, 313, 175)),  # 133 x 115
    }
    for k, im in list(s.items()):
        p = os.path.join(TMP, f'{k}.ppm' if im.mode == 'RGB' else f'{k}.pgm')
        im.save(p)
        s[k + '_path'] = p
    alpha = Image.linear_gradient('L').resize(s['cat'].size).point(lambda v: max(0, 255 - v))
    rgba = s['cat'].copy()
    rgba.putalpha(alpha)
    s['rgba'] = rgba
    rgba.save(os.path.join(TMP, 'rgba.png'))
    s['big'] = astronaut.resize((4032, 3024), Image.BICUBIC)
    s['big'].save(os.path.join(TMP, 'big.ppm'))
    return s


def png_with_chunks(png_bytes, chunks):
    """Inserts ancillary chunks right after IHDR (8-byte signature + 25-byte IHDR)."""
    out = png_bytes[:33]
    for ctype, data in chunks:
        out += struct.pack('>I', len(data)) + ctype + data + struct.pack('>I', zlib.crc32(ctype + data) & 0xFFFFFFFF)
    return out + png_bytes[33:]


def strip_app14(jpeg):
    out = bytearray(jpeg[:2])
    pos = 2
    while pos < len(jpeg):
        marker = jpeg[pos + 1]
        if marker == 0xDA:
            out += jpeg[pos:]
            break
        length = (jpeg[pos + 2] << 8) | jpeg[pos + 3]
        if marker != 0xEE:
            out += jpeg[pos:pos + 2 + length]
        pos += 2 + length
    return bytes(out)


def set_adobe_transform(jpeg, transform):
    b = bytearray(jpeg)
    i = b.find(b'\xff\xee')
    assert i > 0 and b[i + 4:i + 9] == b'Adobe'
    b[i + 4 + 11] = transform
    return bytes(b)


def lzw_uncompressed(indices, min_code_size=2):
    """A GIF LZW stream coding each index literally, with a clear code every two so the code size stays put."""
    clear = 1 << min_code_size
    size = min_code_size + 1
    acc = n = 0
    out = bytearray()
    codes = []
    for k, i in enumerate(indices):
        if k % 2 == 0:
            codes.append(clear)
        codes.append(i)
    for c in [*codes, clear + 1]:
        acc |= c << n
        n += size
        while n >= 8:
            out.append(acc & 255)
            acc >>= 8
            n -= 8
    if n:
        out.append(acc & 255)
    return bytes(out)


def crafted_gif(screen, palette, frame, indices, transparency=None):
    """Byte-built GIF89a: global palette, optional graphic control extension, one frame at (x, y, w, h)."""
    u16 = lambda n: struct.pack('<H', n)  # noqa: E731
    bits = (len(palette) // 3 - 1).bit_length() - 1
    out = b'GIF89a' + u16(screen[0]) + u16(screen[1]) + bytes([0x80 | bits, 0, 0]) + palette
    if transparency is not None:
        out += b'\x21\xf9\x04\x01\x00\x00' + bytes([transparency]) + b'\x00'
    data = lzw_uncompressed(indices)
    x, y, w, h = frame
    return out + b'\x2c' + u16(x) + u16(y) + u16(w) + u16(h) + b'\x00\x02' + bytes([len(data)]) + data + b'\x00\x3b'


def make_images():
    s = sources()
    os.makedirs(IMG, exist_ok=True)
    for f in os.listdir(IMG):
        os.remove(os.path.join(IMG, f))
    o = lambda name: os.path.join(IMG, name)  # noqa: E731
    cat, cup, gray = s['cat_path'], s['cup_path'], s['gray_path']

    # JPEG coding variants (libjpeg-turbo cjpeg)
    for samp, tag in [('1x1', '444'), ('2x1', '422'), ('2x2', '420'), ('1x2', '440'), ('4x1', '411')]:
        run('cjpeg', '-quality', 88, '-sample', samp, '-outfile', o(f'jpeg-{tag}-151x97.jpg'), cat)
    run('cjpeg', '-quality', 85, '-sample', '2x2', '-outfile', o('jpeg-420-189x143.jpg'), cup)
    run('cjpeg', '-quality', 85, '-progressive', '-outfile', o('jpeg-progressive.jpg'), cup)
    run('cjpeg', '-quality', 85, '-progressive', '-sample', '1x1', '-outfile', o('jpeg-progressive-444.jpg'), cat)
    run('cjpeg', '-quality', 85, '-optimize', '-outfile', o('jpeg-optimized.jpg'), cup)
    run('cjpeg', '-quality', 85, '-restart', 1, '-outfile', o('jpeg-restart-1row.jpg'), cup)
    run('cjpeg', '-quality', 85, '-restart', '5B', '-sample', '2x1', '-outfile', o('jpeg-restart-5blocks-422.jpg'), cat)
    run('cjpeg', '-quality', 85, '-arithmetic', '-outfile', o('jpeg-arithmetic.jpg'), cup)
    run('cjpeg', '-quality', 85, '-arithmetic', '-progressive', '-outfile', o('jpeg-arithmetic-progressive.jpg'), cup)
    run('cjpeg', '-quality', 85, '-arithmetic', '-restart', 2, '-sample', '1x1', '-outfile', o('jpeg-arithmetic-restart-444.jpg'), cat)
    run('cjpeg', '-quality', 85, '-arithmetic', '-progressive', '-restart', 1, '-sample', '2x1', '-outfile', o('jpeg-arithmetic-progressive-restart-422.jpg'), cat)
    run('cjpeg', '-quality', 85, '-arithmetic', '-grayscale', '-outfile', o('jpeg-arithmetic-gray.jpg'), gray)
    run('cjpeg', '-quality', 85, '-outfile', o('jpeg-gray.jpg'), gray)
    run('cjpeg', '-quality', 85, '-progressive', '-outfile', o('jpeg-gray-progressive.jpg'), gray)
    # ImageMagick's writer (different quantisation tables and markers)
    run('convert', cup, '-quality', 82, '-sampling-factor', '2x2', o('jpeg-imagemagick.jpg'))
    # ICC profiles: PIL ignores them, sharp/libvips would convert to sRGB
    for prof, tag in [
        ('AdobeRGB1998.icc', 'adobergb'),
        ('ProPhotoRGB.icc', 'prophoto'),
        ('WideGamutRGB.icc', 'widegamut'),
        ('ECI-RGBv2.icc', 'eci-rgb-v2'),  # no Display P3 profile ships in Debian; a wide-gamut stand-in
        ('sRGB.icc', 'srgb'),
    ]:
        run('cjpeg', '-quality', 88, '-icc', icc(prof), '-outfile', o(f'jpeg-icc-{tag}.jpg'), cup if tag != 'srgb' else cat)
    run('cjpeg', '-quality', 88, '-icc', icc('Gray.icc'), '-outfile', o('jpeg-icc-gray.jpg'), gray)
    run('cjpeg', '-quality', 88, '-progressive', '-icc', icc('AdobeRGB1998.icc'), '-outfile', o('jpeg-icc-adobergb-progressive.jpg'), cat)
    # CMYK / YCCK (PIL's writer emits an Adobe marker with transform 0)
    buf = io.BytesIO()
    Image.open(cup).convert('CMYK').save(buf, 'JPEG', quality=88)
    cmyk = buf.getvalue()
    open(o('jpeg-cmyk-adobe.jpg'), 'wb').write(cmyk)
    open(o('jpeg-cmyk-no-adobe.jpg'), 'wb').write(strip_app14(cmyk))
    open(o('jpeg-ycck-adobe.jpg'), 'wb').write(set_adobe_transform(cmyk, 2))
    run('convert', cup, '-colorspace', 'CMYK', '-quality', 85, o('jpeg-cmyk-imagemagick.jpg'))
    # EXIF orientations 1-8 (PIL writer, APP1)
    for n in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = n
        Image.open(cat).save(o(f'jpeg-exif-orientation-{n}.jpg'), quality=85, exif=exif.tobytes())
    # Camera-sized photo (4032 x 3024 = 12.2 MP)
    run('cjpeg', '-quality', 70, '-outfile', o('jpeg-12mp-4032x3024.jpg'), os.path.join(TMP, 'big.ppm'))

    # PNG
    run('convert', cat, '-interlace', 'PNG', o('png-adam7.png'))
    run('convert', cup, '-depth', '16', '-resize', '99x75!', 'PNG48:' + o('png-rgb16.png'))
    run('convert', os.path.join(TMP, 'rgba.png'), '-depth', '16', '-resize', '99x63!', 'PNG64:' + o('png-rgba16.png'))
    q = Image.open(cup).quantize(64)
    q.save(o('png-palette-trns.png'), transparency=5)
    Image.open(cup).save(o('png-iccp-adobergb.png'), icc_profile=open(icc('AdobeRGB1998.icc'), 'rb').read())
    buf = io.BytesIO()
    Image.open(cat).save(buf, 'PNG')
    chrm = struct.pack('>8I', 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)
    open(o('png-gama-chrm-srgb.png'), 'wb').write(
        png_with_chunks(buf.getvalue(), [(b'gAMA', struct.pack('>I', 55556)), (b'cHRM', chrm), (b'sRGB', b'\x00')])
    )
    la = Image.merge('LA', (Image.open(gray), Image.linear_gradient('L').resize(Image.open(gray).size)))
    la.save(o('png-la.png'))
    s['rgba'].save(o('png-rgba.png'))

    # WebP (libwebp)
    run('cwebp', '-quiet', '-q', 80, cup, '-o', o('webp-lossy.webp'))
    run('cwebp', '-quiet', '-lossless', cat, '-o', o('webp-lossless.webp'))
    run('cwebp', '-quiet', '-q', 80, os.path.join(TMP, 'rgba.png'), '-o', o('webp-lossy-alpha.webp'))
    run('cwebp', '-quiet', '-lossless', os.path.join(TMP, 'rgba.png'), '-o', o('webp-lossless-alpha.webp'))
    Image.open(cup).save(o('webp-icc-adobergb.webp'), quality=80, icc_profile=open(icc('AdobeRGB1998.icc'), 'rb').read())
    Image.open(cat).save(os.path.join(TMP, 'f1.png'))
    Image.open(cat).transpose(Image.FLIP_LEFT_RIGHT).save(os.path.join(TMP, 'f2.png'))
    run('img2webp', '-lossy', '-q', 80, os.path.join(TMP, 'f1.png'), os.path.join(TMP, 'f2.png'), '-o', o('webp-animated.webp'))

    # GIF (PIL's writer interlaces by default)
    q = Image.open(cat).quantize(128)
    pal = q.getpalette()
    # Give the transparent index a loud colour, so "transparency does not change colours" is visible.
    pal[7 * 3:7 * 3 + 3] = [255, 0, 255]
    q.putpalette(pal)
    q.save(o('gif-transparent.gif'), transparency=7, interlace=False)
    q.save(o('gif-interlaced.gif'), interlace=True)
    q2 = Image.open(cat).transpose(Image.FLIP_LEFT_RIGHT).quantize(128)
    q.save(o('gif-animated.gif'), save_all=True, append_images=[q2], duration=100, loop=0, interlace=False)
    Image.open(gray).save(o('gif-gray.gif'))
    # PIL's frame-0 rules, byte-built: canvas outside the frame filled with the transparent index; an
    # identity grey palette opens as mode L; a frame larger than the screen grows the canvas.
    # (At least 5 pixels a side: HF's channel-dimension guess fails on images 1 or 3 pixels high.)
    pal = bytes([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120])
    open(o('gif-crafted-offset-transparent.gif'), 'wb').write(crafted_gif((9, 7), pal, (2, 1, 3, 2), [1, 3, 0, 1, 3, 0], transparency=2))
    ramp = bytes(v for i in range(4) for v in (i, i, i))
    open(o('gif-crafted-grey-ramp.gif'), 'wb').write(crafted_gif((5, 5), ramp, (0, 0, 5, 5), [(i * 7) % 4 for i in range(25)]))
    open(o('gif-crafted-frame-grows-canvas.gif'), 'wb').write(crafted_gif((5, 5), pal, (3, 2, 4, 5), [(i * 5) % 4 for i in range(20)]))
    run('convert', cup, '-colors', '200', o('gif-imagemagick.gif'))


def save_safetensors(tensors, metadata):
    """The safetensors layout (8-byte little-endian header length, JSON header, data), written directly."""
    dtypes = {np.dtype('uint8'): 'U8', np.dtype('float32'): 'F32'}
    header = {'__metadata__': metadata}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        a = tensors[name]
        b = a.astype(a.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': dtypes[a.dtype], 'shape': list(a.shape), 'data_offsets': [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * (-len(h) % 8)
    return struct.pack('<Q', len(h)) + h + b''.join(blobs)


def expected():
    from transformers import CLIPImageProcessor

    fixture_cfg = json.load(open(os.path.join(FIX, 'preprocessor_config.json')))
    baai = json.load(open(os.path.join(FIX, 'expected.json')))['conventions']['baai224_preprocessor']
    tiny = CLIPImageProcessor(**{k: v for k, v in fixture_cfg.items() if k not in ('image_processor_type', 'processor_class')})
    big = CLIPImageProcessor(**baai)
    tensors = {}
    manifest = []
    for name in sorted(os.listdir(IMG)):
        p = os.path.join(IMG, name)
        im = Image.open(p)
        entry = {'file': name, 'format': im.format, 'mode': im.mode, 'width': im.size[0], 'height': im.size[1],
                 'bytes': os.path.getsize(p)}
        if 'icc_profile' in im.info:
            entry['icc'] = True
        exif = im.getexif().get(0x0112)
        if exif:
            entry['orientation'] = exif
        try:
            rgb = np.asarray(im.convert('RGB'))
        except Exception as e:  # noqa: BLE001 - recorded as what PIL does
            entry['pil_error'] = f'{type(e).__name__}: {e}'
            manifest.append(entry)
            continue
        entry['rgb_sha256'] = hashlib.sha256(rgb.tobytes()).hexdigest()
        if rgb.shape[0] * rgb.shape[1] > 1_000_000:
            entry['rgb_row_step'] = BIG_ROW_STEP
            tensors[f'rgbRows/{name}'] = np.ascontiguousarray(rgb[::BIG_ROW_STEP])
        else:
            # Keyed by content: identical decodes (the eight EXIF files) are stored once.
            tensors[f'rgb/{entry["rgb_sha256"][:16]}'] = np.ascontiguousarray(rgb)
        if exif:
            transposed = np.asarray(ImageOps.exif_transpose(Image.open(p)).convert('RGB'))
            entry['transposed'] = {'width': transposed.shape[1], 'height': transposed.shape[0],
                                   'rgb_sha256': hashlib.sha256(transposed.tobytes()).hexdigest()}
        pv = tiny(images=Image.open(p), return_tensors='np')['pixel_values'][0].astype(np.float32)
        tensors[f'pv30/{name}'] = np.ascontiguousarray(pv)
        pv224 = big(images=Image.open(p), return_tensors='np')['pixel_values'][0].astype(np.float32)
        entry['pv224_sha256'] = hashlib.sha256(np.ascontiguousarray(pv224).tobytes()).hexdigest()
        manifest.append(entry)
    raw = save_safetensors(tensors, {'generator': 'generate.py', 'pillow': Image.__version__})
    with open(os.path.join(HERE, 'expected.safetensors.gzip'), 'wb') as f:
        f.write(gzip.compress(raw, 9, mtime=0))
    import PIL
    import transformers
    json.dump({'pillow': PIL.__version__, 'transformers': transformers.__version__, 'images': manifest},
              open(os.path.join(HERE, 'manifest.json'), 'w'), indent=1)
    print(f'{len(manifest)} images, expected {len(raw)} bytes raw')


if __name__ == '__main__':
    if '--expected-only' not in sys.argv:
        make_images()
    expected()

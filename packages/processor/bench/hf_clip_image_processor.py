#!/usr/bin/env python3
"""Baseline for `pnpm bench` (not a test): HF transformers' CLIPImageProcessor on Pillow, the same work the
processor benchmark times in Node — open the file, convert('RGB'), resize (bicubic, shortest edge 224), centre
crop 224, rescale, normalise to float32 pixel_values — one image at a time, one thread.

Usage: python3 hf_clip_image_processor.py SECONDS FILE
Prints one JSON line: images/s (mean), fastest and median ms, peak RSS (bytes) of this process.
Needs the oracle environment (../shared/oracle: transformers 4.47.1 on Debian's Pillow 9.4).
"""
import json
import resource
import sys
import time

from PIL import Image
from transformers import CLIPImageProcessor

seconds = float(sys.argv[1])
path = sys.argv[2]
processor = CLIPImageProcessor(
    do_resize=True, size={'shortest_edge': 224}, resample=3, do_center_crop=True, crop_size={'height': 224, 'width': 224},
    do_rescale=True, rescale_factor=1 / 255, do_normalize=True,
    image_mean=[0.48145466, 0.4578275, 0.40821073], image_std=[0.26862954, 0.26130258, 0.27577711], do_convert_rgb=True,
)


def once():
    with Image.open(path) as im:
        return processor(images=im, return_tensors='np')['pixel_values']


for _ in range(2):
    once()
times = []
start = time.perf_counter()
while time.perf_counter() - start < seconds:
    t = time.perf_counter()
    once()
    times.append(time.perf_counter() - t)
elapsed = time.perf_counter() - start
times.sort()
print(json.dumps({
    'imagesPerSecond': round(len(times) / elapsed, 2),
    'minMs': round(times[0] * 1000, 1),
    'medianMs': round(times[len(times) // 2] * 1000, 1),
    'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    'pillow': Image.__version__,
}))

"""Expected values for the HF documentation's AltCLIP usage example, run by HF itself on the fixture.

Run with the oracle (HF transformers v4.47.1, see ../../shared/oracle/README.md) from the repository root:

    source ~/.cache/altclip-oracle/env.sh && $PY packages/transformers/scripts/generate-hf-docs-example.py

The documented example (https://huggingface.co/docs/transformers/model_doc/altclip#usage) with two substitutions:
the hub id BAAI/AltCLIP is the fixture folder (the test serves it as a hub repo on 127.0.0.1), and the COCO image
fetched with requests is the fixture's chelsea.jpg (the test serves it over HTTP on 127.0.0.1); see the tokenizer note below.
"""
import json
import os

from PIL import Image
from transformers import AltCLIPModel, AltCLIPProcessor

ROOT = os.getcwd()
FIXTURE = os.path.join(ROOT, 'fixtures', 'altclip-tiny')
OUT = os.path.join(ROOT, 'packages', 'transformers', 'src', '__fixtures__', 'hf-docs-example.json')
TEXTS = ['a photo of a cat', 'a photo of a dog']

model = AltCLIPModel.from_pretrained(FIXTURE)
# The oracle has no Rust tokenizers, so HF's slow tokenizer stands in for the fast one the example would load;
# for these two texts both give the same ids (the test checks the JS fast tokenizer's ids against these).
processor = AltCLIPProcessor.from_pretrained(FIXTURE, use_fast=False)

image = Image.open(os.path.join(FIXTURE, 'images', 'chelsea.jpg'))
inputs = processor(text=TEXTS, images=image, return_tensors='pt', padding=True)
outputs = model(**inputs)
logits_per_image = outputs.logits_per_image  # this is the image-text similarity score
probs = logits_per_image.softmax(dim=1)  # we can take the softmax to get the label probabilities

json.dump(
    {
        'generator': 'packages/transformers/scripts/generate-hf-docs-example.py (HF transformers 4.47.1)',
        'tokenizer': type(processor.tokenizer).__name__,
        'texts': TEXTS,
        'image': 'chelsea.jpg',
        'input_ids': inputs['input_ids'].tolist(),
        'logits_per_image': logits_per_image.tolist(),
        'probs': probs.tolist(),
    },
    open(OUT, 'w'),
    indent=1,
)

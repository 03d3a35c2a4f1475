"""Expected values for the processor/tokenizer per-call options (issue #13 item 5), from the oracle.

Run with HF transformers v4.47.1 (the oracle, see ../../shared/oracle/README.md), from the repository root:

    source ~/.cache/altclip-oracle/env.sh && $PY packages/processor/scripts/generate-call-options.py

It loads fixtures/altclip-tiny with HF's slow XLMRobertaTokenizer and CLIPImageProcessor and writes
src/__fixtures__/call-options.slow.json. Every value in that file comes from HF; the tests only compare.
(The fast tokenizer's expectations come from the npm `tokenizers` package: generate-call-options-fast.mjs.)
"""
import json
import os
import sys

import numpy as np
from PIL import Image
from transformers import AltCLIPProcessor, CLIPImageProcessor, XLMRobertaTokenizer

ROOT = os.getcwd()
FIXTURE = os.path.join(ROOT, 'fixtures', 'altclip-tiny')
OUT = os.path.join(ROOT, 'packages', 'processor', 'src', '__fixtures__', 'call-options.slow.json')
texts = json.load(open(os.path.join(FIXTURE, 'texts.json')))
T0, T1, T2, T11, T13 = texts[0], texts[1], texts[2], texts[11], texts[13]


def tok():
    return XLMRobertaTokenizer.from_pretrained(FIXTURE)


def plain(enc):
    return {k: (v.tolist() if hasattr(v, 'tolist') else v) for k, v in enc.items()}


# Each case: the call in JS camelCase (`args`: text, textPair?, options) and HF's result.
calls = [
    ('pair', [T0, T1], {}, {}),
    ('pair, batch, padding', [[T0, T2], [T1, T11]], {'padding': True}, {}),
    ('pair, only_second truncation', [T0, T1], {'truncation': 'only_second', 'max_length': 36}, {}),
    ('pair, longest_first truncation', [T0, T1], {'truncation': 'longest_first', 'max_length': 20}, {}),
    ('token type ids, single', [T0], {'return_token_type_ids': True}, {}),
    ('token type ids, pair batch padded', [[T0, T13], [T1, T2]], {'return_token_type_ids': True, 'padding': True}, {}),
    ('special tokens mask, single', [T0], {'return_special_tokens_mask': True}, {}),
    ('special tokens mask, pair', [T2, T1], {'return_special_tokens_mask': True}, {}),
    ('special tokens mask, batch padded', [[T0, T13]], {'return_special_tokens_mask': True, 'padding': True}, {}),
    ('special tokens mask, no special tokens', [T0], {'return_special_tokens_mask': True, 'add_special_tokens': False}, {}),
    ('special tokens mask, <mask> in the text', ['a <mask> cat'], {'return_special_tokens_mask': True}, {}),
    ('length, single', [T0], {'return_length': True}, {}),
    ('length, single padded to max_length', [T1], {'return_length': True, 'padding': 'max_length', 'max_length': 40}, {}),
    ('length, batch padded', [[T0, T1, T13]], {'return_length': True, 'padding': True}, {}),
    ('padding_side left per call', [[T0, T1]], {'padding': True, 'padding_side': 'left', 'return_token_type_ids': True, 'return_special_tokens_mask': True}, {}),
    ('padding_side right per call over a left tokenizer', [[T0, T1]], {'padding': True, 'padding_side': 'right'}, {'padding_side': 'left'}),
    ('truncation_side left (HF: tokenizer attribute)', [[T0, T1]], {'truncation': True, 'max_length': 10}, {'truncation_side': 'left'}),
    ('truncation_side left, pair longest_first', [T0, T1], {'truncation': 'longest_first', 'max_length': 16}, {'truncation_side': 'left'}),
]


def run_call(args, options, attrs):
    t = tok()
    for k, v in attrs.items():
        setattr(t, k, v)
    text = args[0]
    kwargs = dict(options)
    if len(args) > 1:
        kwargs['text_pair'] = args[1]
    return plain(t(text, **kwargs))


tokenizer_cases = []
for name, args, options, attrs in calls:
    tokenizer_cases.append({'name': name, 'args': args, 'options': options, 'attributes': attrs, 'expected': run_call(args, options, attrs)})

t = tok()
ids0 = t.encode(T0, add_special_tokens=False)
ids1 = t.encode(T1, add_special_tokens=False)
with_specials = t.encode(T0, T1)
methods = {
    'ids0': ids0,
    'ids1': ids1,
    'withSpecials': with_specials,
    'get_special_tokens_mask(ids0)': t.get_special_tokens_mask(ids0),
    'get_special_tokens_mask(ids0, ids1)': t.get_special_tokens_mask(ids0, ids1),
    'get_special_tokens_mask(withSpecials, already_has_special_tokens=True)': t.get_special_tokens_mask(with_specials, already_has_special_tokens=True),
    'create_token_type_ids_from_sequences(ids0)': t.create_token_type_ids_from_sequences(ids0),
    'create_token_type_ids_from_sequences(ids0, ids1)': t.create_token_type_ids_from_sequences(ids0, ids1),
}

# add_tokens / add_special_tokens: counts returned, the new ids, len(tokenizer), and encodings that use them.
SENTENCE = 'a hello_world_tok sat by <special_one> and <x_extra>, then <new_cls>'
t = tok()
added = {'len_before': len(t)}
added['add_tokens(["hello_world_tok", "cat", "", "hello_world_tok"])'] = t.add_tokens(['hello_world_tok', 'cat', '', 'hello_world_tok'])
added['add_tokens(["<special_one>"], special_tokens=True)'] = t.add_tokens(['<special_one>'], special_tokens=True)
added['add_special_tokens({"additional_special_tokens": ["<x_extra>"], "cls_token": "<new_cls>"})'] = t.add_special_tokens({'additional_special_tokens': ['<x_extra>'], 'cls_token': '<new_cls>'})
added['len_after'] = len(t)
added['ids'] = {tok_: t.convert_tokens_to_ids(tok_) for tok_ in ['hello_world_tok', 'cat', '<special_one>', '<x_extra>', '<new_cls>']}
added['sentence'] = SENTENCE
added['encode(sentence)'] = t.encode(SENTENCE)
added['tokenize(sentence)'] = t.tokenize(SENTENCE)
added['decode(encode(sentence))'] = t.decode(t.encode(SENTENCE))
added['decode(encode(sentence), skip_special_tokens=True)'] = t.decode(t.encode(SENTENCE), skip_special_tokens=True)
added['all_special_ids'] = t.all_special_ids
added['special_tokens_mask(sentence)'] = t(SENTENCE, return_special_tokens_mask=True)['special_tokens_mask']

# CLIPImageProcessor per-call overrides (HF: arguments of preprocess / AltCLIPProcessor.__call__ keywords).
image_cases = []
ip = CLIPImageProcessor.from_pretrained(FIXTURE)
proc = AltCLIPProcessor(image_processor=ip, tokenizer=tok())
overrides = [
    ('size and crop_size dicts', 'chelsea.png', {'size': {'shortest_edge': 10}, 'crop_size': {'height': 6, 'width': 8}}),
    ('do_center_crop false with a height/width size', 'chelsea.png', {'do_center_crop': False, 'size': {'height': 7, 'width': 9}}),
    ('do_resize false: crop of the original', 'tiny_7x5.png', {'do_resize': False, 'crop_size': {'height': 4, 'width': 6}}),
    ('int size (shortest edge) and int crop_size (square)', 'gray_L_97x61.png', {'size': 9, 'crop_size': 7}),
    ('resample nearest', 'chelsea.png', {'resample': 0, 'size': {'shortest_edge': 8}, 'crop_size': {'height': 8, 'width': 8}}),
    ('resample bilinear', 'chelsea.png', {'resample': 2, 'size': {'shortest_edge': 8}, 'crop_size': {'height': 8, 'width': 8}}),
    ('do_rescale and do_normalize false', 'tiny_7x5.png', {'do_rescale': False, 'do_normalize': False, 'do_resize': False, 'do_center_crop': False}),
    ('rescale_factor, image_mean, image_std', 'tiny_7x5.png', {'rescale_factor': 1 / 127.5, 'image_mean': [0.5, 0.25, 0.125], 'image_std': [0.5, 0.5, 2.0], 'do_resize': False, 'do_center_crop': False}),
    ('scalar image_mean and image_std', 'tiny_7x5.png', {'image_mean': 0.5, 'image_std': 0.25, 'do_resize': False, 'do_center_crop': False}),
    ('do_convert_rgb false on an RGB image', 'tiny_7x5.png', {'do_convert_rgb': False, 'do_resize': False, 'do_center_crop': False}),
]
for name, file, kw in overrides:
    image = Image.open(os.path.join(FIXTURE, 'images', file))
    # The image processor's own call: HF's AltCLIPProcessor does not route do_convert_rgb (it warns and ignores it).
    pv = ip(image, return_tensors='np', **kw)['pixel_values'].astype(np.float32)
    if 'do_convert_rgb' not in kw:
        routed = proc(images=image, return_tensors='np', **kw)['pixel_values'].astype(np.float32)
        assert np.array_equal(routed, pv), name
    image_cases.append({'name': name, 'image': file, 'options': kw, 'shape': list(pv.shape), 'pixelValues': [float(x) for x in pv.reshape(-1)]})

# Both at once: text and image keywords routed by AltCLIPProcessor._merge_kwargs.
image = Image.open(os.path.join(FIXTURE, 'images', 'tiny_7x5.png'))
both = proc(text=[T0, T1], images=image, padding=True, return_token_type_ids=True, do_resize=False, do_center_crop=False, return_tensors='np')
processor_case = {
    'text': [T0, T1],
    'image': 'tiny_7x5.png',
    'options': {'padding': True, 'return_token_type_ids': True, 'do_resize': False, 'do_center_crop': False},
    'expected': {k: (v.astype(np.float32).reshape(-1).tolist() if k == 'pixel_values' else v.tolist()) for k, v in both.items()},
    'pixelShape': list(both['pixel_values'].shape),
}

json.dump(
    {
        'generator': 'packages/processor/scripts/generate-call-options.py (HF transformers 4.47.1, slow XLMRobertaTokenizer, CLIPImageProcessor)',
        'tokenizerCalls': tokenizer_cases,
        'methods': methods,
        'addedTokens': added,
        'imageOverrides': image_cases,
        'processor': processor_case,
    },
    open(OUT, 'w'),
    ensure_ascii=False,
    indent=1,
)
print('wrote', OUT, file=sys.stderr)

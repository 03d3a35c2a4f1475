"""What HF transformers v4.47.1's save_pretrained writes for fixtures/altclip-tiny (run once with the oracle).

    source ~/.cache/altclip-oracle/env.sh && cd /tmp && $PY /path/to/scripts/oracle/save_pretrained_fixture.py OUT

(It loads the fixture by a path relative to the repository root, so config.json's `_name_or_path` is the same from any clone.)

Writes into OUT (committed as packages/*/src/__fixtures__/hf-saved/):
  processor/  AltCLIPProcessor.save_pretrained (slow tokenizer: the oracle has no Rust `tokenizers`)
  tokenizer/  XLMRobertaTokenizer.save_pretrained
  image/      CLIPImageProcessor.save_pretrained
  model/      config.json and the safetensors header (names, dtypes, shapes) of AltCLIPModel.save_pretrained
  sharded/    model.safetensors.index.json of save_pretrained(max_shard_size="200KB") and each shard's header
and checks that AltCLIPModel.from_pretrained(DIR) loads DIR (argv[2], a folder written by AltCLIP.js) with no
missing or unexpected keys and the same outputs, when DIR is given.
"""
import json, os, struct, sys
import torch
from transformers import AltCLIPModel, AltCLIPProcessor, CLIPImageProcessor, XLMRobertaTokenizer
from transformers import tokenization_utils_base

# The oracle's pure-Python AddedToken (the Rust `tokenizers` is absent) returns its own __dict__ from __getstate__, so
# saving pops 'special' out of the live token and a second save fails; the Rust class returns a fresh dict.
tokenization_utils_base.AddedToken.__getstate__ = lambda self: dict(self.__dict__)

HERE = os.path.dirname(os.path.abspath(__file__))
out = os.path.abspath(sys.argv[1])
sys.argv[2:] = [os.path.abspath(a) for a in sys.argv[2:]]  # before the chdir below
# Loaded by a path relative to the repository root, so that the `_name_or_path` HF writes into config.json names no
# machine's directory (the committed files must be the same from any clone).
os.chdir(os.path.join(HERE, '..', '..'))
FIXTURE = 'fixtures/altclip-tiny'


def header(path):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        return json.loads(f.read(n))


def shapes(path):
    h = header(path)
    return {k: {'dtype': v['dtype'], 'shape': v['shape']} for k, v in sorted(h.items()) if k != '__metadata__'} | (
        {'__metadata__': h['__metadata__']} if '__metadata__' in h else {})


AltCLIPProcessor.from_pretrained(FIXTURE, use_fast=False).save_pretrained(os.path.join(out, 'processor'))
XLMRobertaTokenizer.from_pretrained(FIXTURE).save_pretrained(os.path.join(out, 'tokenizer'))
CLIPImageProcessor.from_pretrained(FIXTURE).save_pretrained(os.path.join(out, 'image'))

model = AltCLIPModel.from_pretrained(FIXTURE)
tmp = os.path.join(out, 'tmp-model')
model.save_pretrained(tmp)
os.makedirs(os.path.join(out, 'model'), exist_ok=True)
os.replace(os.path.join(tmp, 'config.json'), os.path.join(out, 'model', 'config.json'))
json.dump(shapes(os.path.join(tmp, 'model.safetensors')), open(os.path.join(out, 'model', 'model.safetensors.header.json'), 'w'), indent=1)
os.remove(os.path.join(tmp, 'model.safetensors'))
os.rmdir(tmp)

model.save_pretrained(tmp, max_shard_size='200KB')
os.makedirs(os.path.join(out, 'sharded'), exist_ok=True)
for name in sorted(os.listdir(tmp)):
    if name.endswith('.safetensors'):
        json.dump(shapes(os.path.join(tmp, name)), open(os.path.join(out, 'sharded', name + '.header.json'), 'w'), indent=1)
        os.remove(os.path.join(tmp, name))
    else:
        os.replace(os.path.join(tmp, name), os.path.join(out, 'sharded', name))
os.rmdir(tmp)

# The towers alone (AltCLIPTextModel / AltCLIPVisionModel.from_pretrained of the full fixture, then save_pretrained).
from transformers import AltCLIPTextModel, AltCLIPVisionModel
for cls, sub in ((AltCLIPTextModel, 'text'), (AltCLIPVisionModel, 'vision')):
    tmp = os.path.join(out, 'tmp-' + sub)
    cls.from_pretrained(FIXTURE).save_pretrained(tmp)
    os.makedirs(os.path.join(out, sub), exist_ok=True)
    os.replace(os.path.join(tmp, 'config.json'), os.path.join(out, sub, 'config.json'))
    json.dump(shapes(os.path.join(tmp, 'model.safetensors')), open(os.path.join(out, sub, 'model.safetensors.header.json'), 'w'), indent=1)
    os.remove(os.path.join(tmp, 'model.safetensors'))
    os.rmdir(tmp)

if len(sys.argv) > 2:
    saved, info = AltCLIPModel.from_pretrained(sys.argv[2], output_loading_info=True)
    ids = torch.tensor([[0, 5, 9, 2]])
    pixels = torch.linspace(-1, 1, 3 * 30 * 30).reshape(1, 3, 30, 30)
    a = model(input_ids=ids, pixel_values=pixels)
    b = saved(input_ids=ids, pixel_values=pixels)
    print(json.dumps({'loading_info': {k: sorted(v) if not isinstance(v, list) else v for k, v in info.items()},
                      'max_abs_diff_logits': float((a.logits_per_image - b.logits_per_image).abs().max())}, default=str))

# sha256 of every file written (the SentencePiece copies are not committed: they equal the fixture's model).
import hashlib
sums = {}
for root, _, names in os.walk(out):
    for name in names:
        path = os.path.join(root, name)
        if name != 'sha256.json':
            sums[os.path.relpath(path, out)] = hashlib.sha256(open(path, 'rb').read()).hexdigest()
json.dump(dict(sorted(sums.items())), open(os.path.join(out, 'sha256.json'), 'w'), indent=1)

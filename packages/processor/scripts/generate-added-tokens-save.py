"""What HF transformers v4.47.1 saves for a tokenizer after add_tokens / add_special_tokens, and what it reads back.

Run with the oracle (../../shared/oracle/README.md), from the repository root:

    source ~/.cache/altclip-oracle/env.sh && $PY packages/processor/scripts/generate-added-tokens-save.py

It loads fixtures/altclip-tiny with HF's slow XLMRobertaTokenizer (the oracle has no Rust `tokenizers`, so no fast
one), makes the calls below, saves, and writes into src/test-support/hf-saved/tokenizer-added/ the files HF wrote
(tokenizer_config.json, special_tokens_map.json, added_tokens.json; not the unchanged SentencePiece model) and
expected.json: the ids HF gives before saving and after AutoTokenizer.from_pretrained(saved dir). The tests make the
same calls and compare.
"""
import json
import os
import shutil
import tempfile

from transformers import AutoTokenizer, XLMRobertaTokenizer, tokenization_utils_base
from transformers.tokenization_utils import AddedToken

# The oracle's pure-Python AddedToken returns its own __dict__ from __getstate__, so saving pops 'special' out of the
# live token and fails; the Rust class returns a fresh dict (same patch as scripts/oracle/save_pretrained_fixture.py).
tokenization_utils_base.AddedToken.__getstate__ = lambda self: dict(self.__dict__)

FIXTURE = 'fixtures/altclip-tiny'
OUT = os.path.join('packages', 'processor', 'src', 'test-support', 'hf-saved', 'tokenizer-added')
TEXTS = ['a new_word <tag> and <x> <cls>', 'the  <tag>x new_word, new_words', 'A photo of a cat <mask> <x>']

tok = XLMRobertaTokenizer.from_pretrained(FIXTURE)
calls = {
    "add_tokens(['new_word', AddedToken('<tag>', lstrip=True)])": tok.add_tokens(['new_word', AddedToken('<tag>', lstrip=True)]),
    "add_special_tokens({'additional_special_tokens': ['<x>'], 'cls_token': '<cls>'})": tok.add_special_tokens(
        {'additional_special_tokens': ['<x>'], 'cls_token': '<cls>'}),
}
tmp = tempfile.mkdtemp()
written = sorted(os.path.basename(p) for p in tok.save_pretrained(tmp))
reloaded = AutoTokenizer.from_pretrained(tmp, use_fast=False)
os.makedirs(OUT, exist_ok=True)
for name in ['tokenizer_config.json', 'special_tokens_map.json', 'added_tokens.json']:
    shutil.copyfile(os.path.join(tmp, name), os.path.join(OUT, name))
expected = {
    'generator': 'packages/processor/scripts/generate-added-tokens-save.py (HF transformers 4.47.1, slow tokenizer)',
    'calls': calls,
    'files_written': written,
    'texts': TEXTS,
    'ids_before_save': [tok(t)['input_ids'] for t in TEXTS],
    'ids_after_reload': [reloaded(t)['input_ids'] for t in TEXTS],
    'len_after_reload': len(reloaded),
    'added_vocab_after_reload': reloaded.get_added_vocab(),
    'additional_special_tokens_after_reload': reloaded.additional_special_tokens,
    'cls_token_after_reload': str(reloaded.cls_token),
}
with open(os.path.join(OUT, 'expected.json'), 'w') as f:
    json.dump(expected, f, indent=1, ensure_ascii=False, sort_keys=True)
    f.write('\n')
shutil.rmtree(tmp)

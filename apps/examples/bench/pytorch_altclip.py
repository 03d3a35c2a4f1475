"""PyTorch baseline for `altclip bench`: AltCLIP's forward in eager PyTorch, measured like the JS backends.

transformers cannot be installed on these machines (no PyPI), so this file re-states the modules that
transformers 4.47.1's modeling_altclip.py runs on CPU for AltCLIPModel.get_image_features/get_text_features
(eager attention: matmul + softmax; post-LN XLM-R layers with erf GELU; pre-LN CLIP layers with quick_gelu;
pre_LN + transformation + projection), with the same shapes, the same ops and torch's default threading.
Prints one JSON row in the bench's format on stdout, progress on stderr.

usage: python3 pytorch_altclip.py <config.json> <seconds per measurement> <threads>
"""
import json
import math
import resource
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

from bench_rate import rate  # beside this script (Python puts the script's folder on sys.path)


def act(name):
    return {
        "gelu": lambda x: F.gelu(x),
        "quick_gelu": lambda x: x * torch.sigmoid(1.702 * x),
        "gelu_new": lambda x: F.gelu(x, approximate="tanh"),
        "relu": F.relu,
    }[name]


class Attention(nn.Module):
    def __init__(self, d, heads, scale_q_first):
        super().__init__()
        self.h, self.dh = heads, d // heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.scale_q_first = scale_q_first

    def forward(self, x, mask=None):
        b, n, d = x.shape
        split = lambda t: t.view(b, n, self.h, self.dh).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        if self.scale_q_first:  # CLIP scales q before the product, BERT scales the scores
            s = (q * self.dh**-0.5) @ k.transpose(-1, -2)
        else:
            s = (q @ k.transpose(-1, -2)) / math.sqrt(self.dh)
        if mask is not None:
            s = s + mask
        p = s.softmax(-1)
        return self.o((p @ v).transpose(1, 2).reshape(b, n, d))


class BertLayer(nn.Module):  # post-LN (XLM-R)
    def __init__(self, c):
        super().__init__()
        d = c["hidden_size"]
        self.att = Attention(d, c["num_attention_heads"], False)
        self.ln1 = nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.fc1, self.fc2 = nn.Linear(d, c["intermediate_size"]), nn.Linear(c["intermediate_size"], d)
        self.ln2 = nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.act = act(c["hidden_act"])

    def forward(self, x, mask):
        x = self.ln1(x + self.att(x, mask))
        return self.ln2(x + self.fc2(self.act(self.fc1(x))))


class ClipLayer(nn.Module):  # pre-LN (CLIP)
    def __init__(self, c):
        super().__init__()
        d = c["hidden_size"]
        self.ln1, self.ln2 = nn.LayerNorm(d, eps=c["layer_norm_eps"]), nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.att = Attention(d, c["num_attention_heads"], True)
        self.fc1, self.fc2 = nn.Linear(d, c["intermediate_size"]), nn.Linear(c["intermediate_size"], d)
        self.act = act(c["hidden_act"])

    def forward(self, x):
        x = x + self.att(self.ln1(x))
        return x + self.fc2(self.act(self.fc1(self.ln2(x))))


class Text(nn.Module):
    def __init__(self, c, proj):
        super().__init__()
        d = c["hidden_size"]
        self.word = nn.Embedding(c["vocab_size"], d)
        self.pos = nn.Embedding(c["max_position_embeddings"], d)
        self.typ = nn.Embedding(c["type_vocab_size"], d)
        self.ln = nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.layers = nn.ModuleList(BertLayer(c) for _ in range(c["num_hidden_layers"]))
        self.pre_ln = nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.transformation = nn.Linear(d, c["project_dim"])
        self.projection = nn.Linear(c["project_dim"], proj, bias=False)
        self.pad = c["pad_token_id"]

    def forward(self, ids, mask):
        pos = (torch.cumsum(mask, 1) * mask) + self.pad
        x = self.ln(self.word(ids) + self.pos(pos) + self.typ(torch.zeros_like(ids)))
        add = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer(x, add)
        x = self.transformation(self.pre_ln(x))
        return self.projection(x[:, 0])


class Vision(nn.Module):
    def __init__(self, c, proj):
        super().__init__()
        d, p = c["hidden_size"], c["patch_size"]
        self.patch = nn.Conv2d(c["num_channels"], d, p, p, bias=False)
        self.cls = nn.Parameter(torch.randn(d))
        n = (c["image_size"] // p) ** 2 + 1
        self.pos = nn.Embedding(n, d)
        self.pre = nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.layers = nn.ModuleList(ClipLayer(c) for _ in range(c["num_hidden_layers"]))
        self.post = nn.LayerNorm(d, eps=c["layer_norm_eps"])
        self.projection = nn.Linear(d, proj, bias=False)

    def forward(self, px):
        x = self.patch(px).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], 1) + self.pos.weight[None]
        x = self.pre(x)
        for layer in self.layers:
            x = layer(x)
        return self.projection(self.post(x[:, 0]))


TEXT_DEFAULTS = dict(vocab_size=250002, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
                     intermediate_size=4096, hidden_act="gelu", max_position_embeddings=514, type_vocab_size=1,
                     layer_norm_eps=1e-5, pad_token_id=1, project_dim=768)
VISION_DEFAULTS = dict(hidden_size=768, intermediate_size=3072, num_hidden_layers=12, num_attention_heads=12,
                       num_channels=3, image_size=224, patch_size=32, hidden_act="quick_gelu", layer_norm_eps=1e-5)


def main():
    cfg = json.load(open(sys.argv[1]))
    budget, threads = float(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    tc = {**TEXT_DEFAULTS, **cfg.get("text_config", {})}
    vc = {**VISION_DEFAULTS, **cfg.get("vision_config", {})}
    proj = cfg.get("projection_dim", 768)
    log = lambda m: print(f"[bench] pytorch/fp32: {m}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    torch.manual_seed(0)
    text, vision = Text(tc, proj).eval(), Vision(vc, proj).eval()
    init_s = time.perf_counter() - t0
    s = vc["image_size"]
    px1, px8 = torch.randn(1, 3, s, s), torch.randn(8, 3, s, s)
    ids = torch.randint(5, tc["vocab_size"], (8, 16))
    ids[:, 0], ids[:, -1] = 0, 2
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        t1 = time.perf_counter()
        vision(px1)
        load_s = time.perf_counter() - t1
        log(f"first embedding after {load_s:.1f} s (init {init_s:.1f} s)")
        b1 = rate(lambda: vision(px1), budget, 5)
        log(f"{b1:.3f} images/s at batch 1")
        b8 = 8 * rate(lambda: vision(px8), budget, 3)
        log(f"{b8:.3f} images/s at batch 8")
        text(ids, mask)
        t8 = 8 * rate(lambda: text(ids, mask), budget, 5)
        log(f"{t8:.2f} texts/s at batch 8 x 16 tokens")
    print(json.dumps({
        "backend": "pytorch", "dtype": "fp32", "images_per_s_b1": b1, "images_per_s_b8": b8, "texts_per_s_b8": t8,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "load_s": load_s, "init_s": init_s,
        "note": f"eager PyTorch {torch.__version__}, {threads} threads, modeling_altclip.py's ops re-stated",
    }))


if __name__ == "__main__":
    main()

"""HF transformers itself as `altclip bench`'s baseline row: AltCLIPModel on PyTorch CPU, measured like the JS rows.

Runs in the oracle's environment (../shared/oracle: transformers 4.47.1 on Debian's torch), never in the project's
tests. With a checkpoint folder it times `AltCLIPModel.from_pretrained(folder)` (what a user's load costs); with a
config.json it builds `AltCLIPModel(config)` with HF's random initialisation instead (no load to time).
Prints one JSON row in the bench's format on stdout, progress on stderr.

usage: $PY hf_altclip.py <checkpoint dir | config.json> <seconds per measurement> <threads> [text]
  (a 4th argument `text` measures the text tower only, as the JS rows with --towers text)
"""
import json
import os
import platform
import resource
import sys
import time

from bench_rate import rate  # beside this script (Python puts the script's folder on sys.path)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def peak_rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def use_mmap_safetensors():
    """The oracle has no pip `safetensors` (no PyPI here) but a NumPy stand-in whose reader reads the whole file
    into memory and copies every tensor out of it twice: at 3.5 GB that is neither the time nor the memory of
    HF's real loader. The real `safe_open(..., framework="pt")` maps the file and copies each tensor out of
    the map once; this does the same (NumPy memmap, one copy), so the row measures transformers' own loading.
    Returns what it did, for the row's note."""
    import safetensors
    if not hasattr(safetensors, "_st_io"):
        return "pip safetensors"
    import json as _json
    import struct

    import numpy as np
    import torch
    st2np = safetensors._st_io.ST2NP

    class MmapSafeOpen:
        def __init__(self, path, framework="pt", device="cpu"):
            with open(path, "rb") as f:
                n = struct.unpack("<Q", f.read(8))[0]
                header = _json.loads(f.read(n))
            self._meta = header.pop("__metadata__", None)
            self._header = header
            self._map = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n) if header else None

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self._map = None
            return False

        def keys(self):
            return list(self._header.keys())

        def metadata(self):
            return self._meta or {"format": "pt"}

        def get_tensor(self, name):
            v = self._header[name]
            b, e = v["data_offsets"]
            a = np.array(self._map[b:e]).view(st2np[v["dtype"]].newbyteorder("<")).reshape(v["shape"])
            return torch.from_numpy(a)

        get_slice = get_tensor

    safetensors.safe_open = MmapSafeOpen
    import transformers.modeling_utils as mu
    mu.safe_open = MmapSafeOpen
    return "safetensors read by memory map, one copy per tensor, like pip's (the oracle's stand-in reads the file whole)"


def main():
    source, budget, threads = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    text_only = len(sys.argv) > 4 and sys.argv[4] == "text"
    import torch
    import transformers
    from transformers import AltCLIPConfig, AltCLIPModel

    torch.set_num_threads(threads)
    reader = use_mmap_safetensors()
    log = lambda m: print(f"[bench] hf/fp32: {m}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    if os.path.isdir(source):
        model = AltCLIPModel.from_pretrained(source)
        load_kind = "from_pretrained"
    else:
        torch.manual_seed(0)
        model = AltCLIPModel(AltCLIPConfig.from_json_file(source))
        load_kind = "random init"
    model.eval()
    from_pretrained_s = time.perf_counter() - t0
    log(f"{load_kind} {from_pretrained_s:.1f} s")
    tc, vc = model.config.text_config, model.config.vision_config
    s = vc.image_size
    g = torch.Generator().manual_seed(0)
    px1, px8 = torch.randn(1, 3, s, s, generator=g), torch.randn(8, 3, s, s, generator=g)
    ids = torch.randint(5, tc.vocab_size, (8, 16), generator=g)
    ids[:, 0], ids[:, -1] = 0, 2
    mask = torch.ones_like(ids)
    b1 = b8 = None
    with torch.inference_mode():
        if text_only:
            model.get_text_features(input_ids=ids[:1], attention_mask=mask[:1])
        else:
            model.get_image_features(pixel_values=px1)
        first_embedding_s = time.perf_counter() - t0
        load_peak = peak_rss()
        log(f"first embedding {first_embedding_s:.1f} s after the load started")
        if not text_only:
            b1 = rate(lambda: model.get_image_features(pixel_values=px1), budget, 5)
            log(f"{b1:.3f} images/s at batch 1")
            b8 = 8 * rate(lambda: model.get_image_features(pixel_values=px8), budget, 3)
            log(f"{b8:.3f} images/s at batch 8")
        model.get_text_features(input_ids=ids, attention_mask=mask)
        t8 = 8 * rate(lambda: model.get_text_features(input_ids=ids, attention_mask=mask), budget, 5)
        log(f"{t8:.2f} texts/s at batch 8 x 16 tokens")
    weight_bytes = None
    if os.path.isdir(source):
        weight_bytes = sum(os.path.getsize(os.path.join(source, f)) for f in os.listdir(source) if f.endswith(".safetensors")) or None
    print(json.dumps({
        "backend": "hf", "dtype": "fp32", "source": "checkpoint" if load_kind == "from_pretrained" else "random",
        "towers": "text" if text_only else "text,vision",
        "images_per_s_b1": b1, "images_per_s_b8": b8, "texts_per_s_b8": t8,
        "peak_rss_bytes": peak_rss(), "load_peak_rss_bytes": load_peak,
        "load_s": first_embedding_s, "from_pretrained_s": from_pretrained_s,
        "weight_bytes": weight_bytes, "rss_over_weights": peak_rss() / weight_bytes if weight_bytes else None,
        "threads": threads, "cpu": cpu_model(),
        "note": f"HF transformers {transformers.__version__} AltCLIPModel ({load_kind}), PyTorch {torch.__version__}" + (f"; {reader}" if load_kind == "from_pretrained" else ""),
    }))


if __name__ == "__main__":
    main()

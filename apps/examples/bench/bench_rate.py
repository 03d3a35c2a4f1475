"""The timing loop shared by the Python baselines (hf_altclip.py, pytorch_altclip.py): both must measure alike."""
import time


def rate(fn, budget, max_runs):
    """Calls of `fn` per second: at least one call, until `budget` seconds or `max_runs` calls have passed."""
    runs, start = 0, time.perf_counter()
    while True:
        fn()
        runs += 1
        if time.perf_counter() - start >= budget or runs >= max_runs:
            return runs / (time.perf_counter() - start)

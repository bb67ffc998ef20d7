"""The astropy + numpy side of `npm run bench -- fits`: the same work as bench/fits.ts, timed in Python.

Run with Debian's /usr/bin/python3 (python3-astropy, python3-numpy). Prints one JSON object.
Work per file, matching the TypeScript side:
  header+stats: open the file, read every header, and for every image HDU the physical values
                (float64) → count, NaN count, min, max, mean, median, std, rms and
                sigma_clipped_stats(sigma=3, maxiters=5).
  preview:      first image HDU → zscale, linear stretch, block-average downsample to 512 px,
                8-bit grey + alpha PNG (Pillow if present, else the PNG step is skipped).
"""
import io
import json
import sys
import time
import warnings

warnings.simplefilter("ignore")

import numpy as np  # noqa: E402
from astropy.io import fits  # noqa: E402
from astropy.stats import sigma_clipped_stats  # noqa: E402
from astropy.visualization import ZScaleInterval  # noqa: E402

try:
    from PIL import Image  # noqa: E402
except ImportError:  # pragma: no cover
    Image = None


def header_and_stats(path):
    out = []
    with fits.open(path, memmap=False) as hdul:
        for hdu in hdul:
            _ = len(hdu.header)
            if not hdu.is_image or hdu.data is None or hdu.data.size == 0:
                continue
            d = np.asarray(hdu.data, dtype=np.float64)
            finite = np.isfinite(d)
            v = d[finite]
            n = v.size
            if n == 0:
                out.append({"count": 0})
                continue
            mean = float(v.mean())
            std = float(v.std())
            cm, cmed, cs = sigma_clipped_stats(v, sigma=3, maxiters=5)
            out.append(
                {
                    "count": int(n),
                    "nanCount": int(d.size - n),
                    "min": float(v.min()),
                    "max": float(v.max()),
                    "mean": mean,
                    "median": float(np.median(v)),
                    "std": std,
                    "rms": float(np.sqrt(np.mean(v * v))),
                    "robustMean": float(cm),
                    "robustStd": float(cs),
                }
            )
    return out


def preview(path, size=512):
    with fits.open(path, memmap=False) as hdul:
        hdu = next((h for h in hdul if h.is_image and h.data is not None and h.data.size), None)
        if hdu is None:
            return None
        d = np.asarray(hdu.data, dtype=np.float64)
        while d.ndim > 2:
            d = d[0]
        vmin, vmax = ZScaleInterval().get_limits(d)
        f = max(1, -(-max(d.shape) // size))
        h, w = d.shape
        ph, pw = -(-h // f) * f, -(-w // f) * f
        p = np.full((ph, pw), np.nan)
        p[:h, :w] = d
        blocks = p.reshape(ph // f, f, pw // f, f)
        with np.errstate(invalid="ignore"):
            small = np.nanmean(blocks, axis=(1, 3))
        t = np.clip((small - vmin) / (vmax - vmin if vmax > vmin else 1), 0, 1)
        grey = np.nan_to_num(t * 255).round().astype(np.uint8)[::-1]
        alpha = np.where(np.isfinite(small), 255, 0).astype(np.uint8)[::-1]
        if Image is not None:
            buf = io.BytesIO()
            Image.fromarray(np.dstack([grey, alpha]), "LA").save(buf, "PNG")
            return len(buf.getvalue())
        return grey.size


def timed(fn, path, min_repeat, min_seconds):
    times = []
    start = time.perf_counter()
    result = None
    while len(times) < min_repeat or (time.perf_counter() - start < min_seconds and len(times) < 1000):
        t0 = time.perf_counter()
        result = fn(path)
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2], len(times), result


def main(argv):
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 0.5
    files = [a for a in argv if a.endswith(".fits")]
    report = {"astropy": __import__("astropy").__version__, "numpy": np.__version__, "files": {}}
    for path in files:
        stats_t, stats_n, stats = timed(header_and_stats, path, repeat, seconds)
        prev_t, prev_n, _ = timed(preview, path, repeat, seconds) if "--no-preview" not in argv else (None, 0, None)
        report["files"][path] = {
            "headerStatsSeconds": stats_t,
            "headerStatsRuns": stats_n,
            "previewSeconds": prev_t,
            "previewRuns": prev_n,
            "stats": stats,
        }
    report["png"] = Image is not None
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])

"""pyvo and astropy against the whole Lectern app: find the images ingested at unknown positions.

Usage: pyvo-archive.py <base URL> <ra> <dec> <radius> [<API key>]. Prints one JSON object.
"""
import io
import json
import sys

import pyvo
import requests
from astropy.io import fits
from astropy.wcs import WCS

try:
    from pyvo.dal.sia2 import SIA2Service
except ImportError:
    from pyvo.dal.sia2 import SIAService as SIA2Service

base, ra, dec, radius = sys.argv[1].rstrip("/"), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
key = sys.argv[5] if len(sys.argv) > 5 else None
session = requests.Session()
if key:
    session.headers["X-API-Key"] = key


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else (None if value is None else str(value))


report = {}
scs = pyvo.dal.SCSService(base + "/vo/scs", session=session)
cone = scs.search(pos=(ra, dec), radius=radius)
report["scs"] = [{"id": text(r.id), "ra": float(r.pos.ra.deg), "dec": float(r.pos.dec.deg)} for r in cone]

sia = pyvo.dal.SIAService(base + "/vo/sia", session=session)
images = sia.search(pos=(ra, dec), size=2 * radius)
report["sia"] = [{"ra": float(r.pos.ra.deg), "dec": float(r.pos.dec.deg), "url": r.getdataurl()} for r in images]

sia2 = SIA2Service(base + "/vo/sia2", session=session)
found = sia2.search(pos=(ra, dec, radius))
report["sia2"] = [{"ra": float(r["s_ra"]), "dec": float(r["s_dec"]), "url": text(r["access_url"])} for r in found]

# Download the nearest image and read its WCS with astropy: where is its centre pixel?
if report["sia2"]:
    url = report["sia2"][0]["url"]
    raw = session.get(url, timeout=30)
    raw.raise_for_status()
    with fits.open(io.BytesIO(raw.content)) as hdus:
        header = hdus[0].header
        wcs = WCS(header)
        ny, nx = hdus[0].data.shape
        centre = wcs.pixel_to_world_values((nx - 1) / 2, (ny - 1) / 2)
        report["download"] = {"bytes": len(raw.content), "ra": float(centre[0]), "dec": float(centre[1])}

print(json.dumps(report))

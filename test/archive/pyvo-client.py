"""A real VO client against Lectern's VO endpoints: pyvo searches, astropy reads the download.

Usage: pyvo-client.py <base URL> [<API key>]. Prints one JSON object on stdout for
test/archive/vo-pyvo.test.ts to assert on; exits non-zero only when pyvo itself cannot run.
"""
import io
import json
import sys
import warnings
from urllib.parse import quote

import pyvo
import requests
from astropy.io import fits
from astropy.io.votable import parse as votable_parse
from astropy.io.votable.exceptions import VOWarning
from pyvo.dal.exceptions import DALQueryError, DALServiceError

try:  # pyvo >= 1.4 names it SIA2Service; Debian's 1.2 calls it sia2.SIAService
    from pyvo.dal.sia2 import SIA2Service
except ImportError:
    from pyvo.dal.sia2 import SIAService as SIA2Service

base = sys.argv[1].rstrip("/")
key = sys.argv[2] if len(sys.argv) > 2 else None
suffix = "?key=" + quote(key, safe="") if key else ""
report = {"pyvo": pyvo.__version__}


def text(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def fails(call):
    """The exception class and message of a call that should fail, or None if it did not."""
    try:
        call()
    except (DALQueryError, DALServiceError) as error:
        return {"type": type(error).__name__, "message": str(error)}
    return None


def votable_warnings(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, sorted({str(w.message) for w in caught if issubclass(w.category, VOWarning)})


# Simple Cone Search 1.03
scs = pyvo.dal.SCSService(base + "/vo/scs" + suffix)
cone, scs_warnings = votable_warnings(lambda: scs.search(pos=(10.6847, 41.2689), radius=0.5))
report["scs"] = {
    "count": len(cone),
    "ids": [text(r.id) for r in cone],
    "ra": [float(r.pos.ra.deg) for r in cone],
    "dec": [float(r.pos.dec.deg) for r in cone],
    "fields": list(cone.fieldnames),
    "accessUrls": [text(u) for u in cone["access_url"]],
    "warnings": scs_warnings,
}
report["scsColumns"] = [c.name for c in scs.columns]
report["scsVerb1"] = list(scs.search(pos=(10.6847, 41.2689), radius=0.5, verbosity=1).fieldnames)
report["scsEmpty"] = len(scs.search(pos=(200.0, -60.0), radius=0.1))
report["scsBadRadius"] = fails(lambda: scs.search(pos=(10.0, 41.0), radius=200))

# Simple Image Access 1.0
sia = pyvo.dal.SIAService(base + "/vo/sia" + suffix)
images, sia_warnings = votable_warnings(lambda: sia.search(pos=(10.6847, 41.2689), size=0.5))
first = images[0]
report["sia"] = {
    "count": len(images),
    "titles": [text(r.title) for r in images],
    "format": text(first.format),
    "naxes": int(first.naxes),
    "naxis": [int(n) for n in first.naxis.value],
    "scale": [float(s) for s in first.scale.value],
    "instr": text(first.instr),
    "dateobs": first.dateobs.isot if first.dateobs is not None else None,
    "acref": text(first.acref),
    "dataUrl": text(first.getdataurl()),
    "warnings": sia_warnings,
}
report["siaMetadata"] = {
    "columns": [c.name for c in sia.columns],
    "params": [p.name for p in sia.params],
}


def bad_sia_pos():
    query = sia.create_query(pos=(10.0, 41.0), size=0.5)
    query["POS"] = "nowhere"
    query.execute()


report["siaBadPos"] = fails(bad_sia_pos)

# Simple Image Access 2.0 (reads VOSI capabilities first)
# pyvo finds capabilities beside the base URL, so a key cannot ride in it: send it as a header
# (the capabilities then name a query URL carrying it, as the access URLs do).
session = requests.Session()
if key:
    session.headers["X-API-Key"] = key
sia2 = SIA2Service(base + "/vo/sia2", session=session)
report["sia2Endpoint"] = sia2.query_ep
found, sia2_warnings = votable_warnings(
    lambda: sia2.search(pos=(10.6847, 41.2689, 0.5), band=(0.1, 0.3)))
report["sia2"] = {
    "count": len(found),
    "ids": [text(r.obs_publisher_did) for r in found],
    "types": [text(r.dataproduct_type) for r in found],
    "sRa": [float(r.s_ra.to_value("deg")) for r in found],
    "emMin": [float(r.em_min.to_value("m")) for r in found],
    "accessUrls": [text(r.access_url) for r in found],
    "formats": [text(r.access_format) for r in found],
    "fields": list(found.fieldnames),
    "warnings": sia2_warnings,
}
report["sia2Range"] = len(sia2.search(pos=(10.0, 11.5, 41.0, 42.0)))
report["sia2Polygon"] = len(sia2.search(pos=(10.0, 41.0, 11.0, 41.0, 11.0, 42.0, 10.0, 42.0)))
report["sia2NoBand"] = len(sia2.search(pos=(10.6847, 41.2689, 0.5), band=(1.0, 2.0)))
report["sia2Maxrec"] = len(sia2.search(pos=(10.6847, 41.2689, 0.5), maxrec=1))
report["sia2BadPos"] = fails(lambda: sia2.search(pos=(10.0, 41.0, 0.5), POS="CIRCLE 10 95 1"))

# Download the first access URL and read it with astropy
download = found[0].getdataset(timeout=30)
payload = download.read()
with fits.open(io.BytesIO(payload)) as hdus:
    report["download"] = {
        "bytes": len(payload),
        "object": hdus[0].header.get("OBJECT"),
        "shape": list(hdus[0].data.shape),
        "sum": int(hdus[0].data.sum()),
    }

# The documents themselves, parsed strictly: any warning but the UCD1 words that SCS and SIA 1.0
# require (and ObsCore's newer UCD words, unknown to astropy 5.2) is a defect.
STANDARD_UCDS = ("ID_MAIN", "POS_EQ_RA_MAIN", "POS_EQ_DEC_MAIN", "INST_ID", "meta.ref.ivoid",
                 "pos.outline")


def strict_warnings(path):
    response = session.get(base + path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        votable_parse(io.BytesIO(response.content), verify="warn")
    return sorted({str(w.message) for w in caught if issubclass(w.category, VOWarning)
                   and not any("'" + ucd + "'" in str(w.message) for ucd in STANDARD_UCDS)})


report["strict"] = {path: strict_warnings(path + suffix.replace("?", "&")) for path in [
    "/vo/scs?RA=10.6847&DEC=41.2689&SR=1&VERB=3",
    "/vo/scs?RA=10.6847&DEC=41.2689&SR=-1",
    "/vo/sia?POS=10.6847,41.2689&SIZE=1",
    "/vo/sia?FORMAT=METADATA",
    "/vo/sia?POS=10.6847&SIZE=1",
    "/vo/sia2/query?POS=CIRCLE+10.6847+41.2689+1&MAXREC=1",
    "/vo/sia2/query?POS=CIRCLE+10.6847",
]}

if key:
    anonymous = pyvo.dal.SCSService(base + "/vo/scs")
    report["scsWithoutKey"] = fails(lambda: anonymous.search(pos=(10.6847, 41.2689), radius=0.5))
    wrong = pyvo.dal.SIAService(base + "/vo/sia?key=wrong")
    report["siaWrongKey"] = fails(lambda: wrong.search(pos=(10.6847, 41.2689), size=0.5))

json.dump(report, sys.stdout)

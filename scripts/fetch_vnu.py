"""Fetch the Nu Html Checker (vnu.jar, the validator behind validator.w3.org/nu) from the npm
registry's ``vnu-jar`` package, check the tarball against the registry's integrity hash, and
keep only the jar at ``JAR``. ``./portal test`` runs it (nothing happens when the jar is
there); tests/test_html_valid.py runs the jar offline.

    python scripts/fetch_vnu.py
"""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "26.9.27"
URL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VERSION}.tgz"
# the "integrity" of vnu-jar@26.9.27 in the npm registry (npm view vnu-jar@26.9.27 dist)
INTEGRITY = "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
MEMBER = "package/build/dist/vnu.jar"
JAR = Path(__file__).resolve().parent.parent / "var" / "tools" / f"vnu-{VERSION}.jar"


def fetch(target: Path) -> None:
    with urllib.request.urlopen(URL, timeout=120) as response:  # noqa: S310 (a fixed https URL)
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"vnu-jar {VERSION}: the download does not match the registry's integrity hash")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        jar = archive.extractfile(MEMBER).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(jar)
    partial.replace(target)


if __name__ == "__main__":
    if not JAR.is_file():
        print(f"==> Fetching the Nu Html Checker (vnu-jar {VERSION}, npm registry)", flush=True)
        fetch(JAR)

"""The first page of every document of the demo's three seed organisations as a PNG, for the
README (docs/documents/): rob-wiang (seed 000), hin-lek-fai (seed 001, its analysis R2) and
phon-ngam (seed 004), from the latest round of each, as the portal prints them now.

    DJANGO_DEBUG=1 .venv/bin/python scripts/document_pages.py [folder]

Needs the demo database (./portal run sets it up) and poppler's pdftoppm."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import django  # noqa: E402

django.setup()

from django_scopes import scope, scopes_disabled  # noqa: E402

from assessments.models import Assessment  # noqa: E402
from measures.models import ProgressRound  # noqa: E402
from reports.documents import DOCUMENTS, ROUND_CODES  # noqa: E402

SEEDS = {"rob-wiang": "000", "hin-lek-fai": "001", "phon-ngam": "004"}


def first_page(pdf: bytes, target: Path):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "50",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                source,
                target.with_suffix(""),
            ],
            check=True,
        )


def main(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    for code, seed in SEEDS.items():
        with scopes_disabled():
            progress_round = (
                ProgressRound.objects.filter(organisation__code=code).order_by("-end_date").first()
            )
            assessment = (
                Assessment.objects.filter(organisation__code=code)
                .order_by("-framework__fiscal_year")
                .first()
            )
        organisation = progress_round.organisation
        with scope(organisation=organisation):
            for doc in ROUND_CODES:
                pdf, _cached = DOCUMENTS[doc](progress_round).pdf()
                first_page(pdf, folder / f"{seed}-{code}-{doc}.png")
            if seed == "001" and assessment is not None:
                pdf, _cached = DOCUMENTS["r2"](assessment).pdf()
                first_page(pdf, folder / f"{seed}-{code}-r2.png")
        print(code, "done")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/documents"))

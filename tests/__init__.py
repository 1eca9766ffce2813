"""The test suite; its layout mirrors the apps' (HackSoft)."""

from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parent.parent

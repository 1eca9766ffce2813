"""Evidence goes through Django's ``default`` storage: the filesystem by default, an
S3-compatible bucket (django-storages) when the environment says so."""

import json
import os
import subprocess
import sys

from django.core.files.storage import default_storage

from measures.models import Evidence
from tests import ROOT_DIR

PRINT_STORAGE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({"backend": settings.STORAGES["default"]["BACKEND"],
                  "class": type(storage).__name__,
                  "bucket": getattr(storage, "bucket_name", None),
                  "endpoint": getattr(storage, "endpoint_url", None),
                  "location": getattr(storage, "location", None),
                  "acl": getattr(storage, "default_acl", None)}))
"""


def storage_in(env_extra):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ita_portal.settings_test", **env_extra}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_STORAGE],
        cwd=ROOT_DIR, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result


def test_evidence_files_use_the_default_storage():
    assert Evidence._meta.get_field("file").storage is default_storage


def test_the_filesystem_is_the_default_under_media_root(tmp_path):
    result = storage_in({"ITA_MEDIA_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["class"] == "FileSystemStorage"


def test_ita_storage_s3_uses_a_private_bucket_through_django_storages():
    result = storage_in(
        {
            "ITA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "ita-evidence",
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        }
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "backend": "storages.backends.s3.S3Storage",
        "class": "S3Storage",
        "bucket": "ita-evidence",
        "endpoint": "http://127.0.0.1:9000",
        "location": "evidence-store",
        "acl": "private",
    }


def test_s3_without_a_bucket_or_an_unknown_kind_refuses_to_start():
    missing = storage_in({"ITA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": ""})
    assert missing.returncode != 0 and "needs AWS_STORAGE_BUCKET_NAME" in missing.stderr
    unknown = storage_in({"ITA_STORAGE": "ftp"})
    assert unknown.returncode != 0 and "must be 'filesystem' or 's3'" in unknown.stderr

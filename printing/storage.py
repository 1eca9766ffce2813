"""The default storage of rendered PDFs: a folder (settings.REPORT_CACHE_DIR, read when used so
that tests may point it elsewhere), written atomically — a reader sees a whole file or none —
and overwritten in place, since a key always names the same bytes."""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class RenderedFileStorage(FileSystemStorage):
    @property
    def base_location(self):
        return self._location or str(settings.REPORT_CACHE_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            for chunk in content.chunks():
                out.write(chunk)
        os.replace(tmp, path)
        return name

from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose form assumes https:// when a person types a bare domain."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)

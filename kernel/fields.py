from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose form assumes https:// when a person types a bare domain."""

    def formfield(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


def updated_by_field():
    """Who last changed a record (its history keeps the earlier ones)."""
    from django.conf import settings
    from django.utils.translation import gettext_lazy as _

    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("แก้ไขล่าสุดโดย"),
    )


def updated_at_field():
    from django.utils.translation import gettext_lazy as _

    return models.DateTimeField(_("แก้ไขล่าสุดเมื่อ"), auto_now=True)

"""The Django admin's widgets, made valid HTML where Django's are not (issue 15: the admin
passes the Nu Html Checker like the portal's own pages)."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.models import BaseInlineFormSet

BLANK = BLANK_CHOICE_DASH[0][1]  # the text of the admin's other empty choices


class AutocompleteWithPlaceholder(AutocompleteSelect):
    """Django's autocomplete select with an empty first option also when the field is
    required, and with text in it. HTML requires a required single select to open with an
    empty option (and to hold at least one, where Django renders none on an add page), and an
    option to have text; Django adds an empty, textless one to optional fields only."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        if self.allow_multiple_selected:
            return groups
        options = groups[0][1]
        if not (options and options[0]["value"] == ""):
            options.insert(0, self.create_option(name, "", "", not value or value == [""], 0))
        options[0]["label"] = BLANK  # an empty option needs text (or a label attribute)
        return groups


class PlaceholderAutocomplete:
    """A ModelAdmin or inline mixin: its ``autocomplete_fields`` use
    ``AutocompleteWithPlaceholder``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteWithPlaceholder(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PasswordSummary(ReadOnlyPasswordHashWidget):
    """The user page's password summary without the ``disabled`` attribute Django puts on its
    ``<div>`` (the field is read-only; ``disabled`` is not an attribute of a div)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)
        return context


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline's rows name their inputs: the table's headers are no labels, so each
    input (the delete box included) carries its field's label as ``aria-label``."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # inside a related wrapper
            if field.label and not widget.is_hidden:  # a hidden input takes no aria-*
                widget.attrs.setdefault("aria-label", str(field.label))


class LabelledTabularInline(admin.TabularInline):
    """Django's tabular inline with ``LabelledInlineFormSet``."""

    formset = LabelledInlineFormSet

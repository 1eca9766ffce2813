"""The year's OIT checklist: every O-item with its components, unit, status and link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from organisations.access import Action, can

from ..forms import ChecklistRowForm
from ..selectors import checklist_completion, checklist_entries, checklist_framework
from ..services import ChecklistInput, checklist_save
from .base import YearMixin, refusal_messages


class ChecklistView(YearMixin, TemplateView):
    template_name = "measures/checklist.html"
    permission = {"GET": Action.VIEW, "POST": Action.EDIT}

    def get_framework(self):
        framework = checklist_framework(self.year)
        if framework is None:
            raise Http404("ยังไม่มีกรอบการประเมินสำหรับปีนี้")
        return framework

    def forms(self, entries, data=None):
        # one list of units for every row: the active ones and the retired ones rows name
        keep = {e.unit_id for e in entries if e.unit_id}
        return [
            ChecklistRowForm(
                data, instance=e, organisation=self.organisation, keep_units=keep,
                prefix=f"o{e.item.number}",
            )
            for e in entries
        ]  # fmt: skip

    def get_context_data(self, **kwargs):
        framework = self.get_framework()
        entries = checklist_entries(self.organisation, framework)
        forms = kwargs.pop("forms", None) or self.forms(entries)
        subs, overall = checklist_completion(entries)
        groups = {}
        for form in forms:
            groups.setdefault(str(form.instance.item.sub_indicator), []).append(form)
        kwargs.update(
            framework=framework,
            groups=groups,
            subs=subs,
            overall=overall,
            editing=can(self.role, Action.EDIT),
            stage_inputs={"checklist": entries},  # the year's stage (the navigation) too
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        framework = self.get_framework()
        entries = checklist_entries(self.organisation, framework)
        # a mutable copy: after a refusal the page offers the versions now stored
        forms = self.forms(entries, request.POST.copy())
        if not all([f.is_valid() for f in forms]):
            messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขรายการที่มีข้อความสีแดง")
            return self.render_to_response(self.get_context_data(forms=forms))
        rows = [
            ChecklistInput(
                item=form.instance.item,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
                unit=form.cleaned_data["unit"],
                components=list(form.cleaned_data["components_done"]),
                url=form.cleaned_data["url"],
                last_checked=form.cleaned_data["last_checked"],
                notes=form.cleaned_data["notes"],
            )
            for form in forms
        ]
        try:
            checklist_save(organisation=self.organisation, rows=rows, user=request.user)
        except ValidationError as error:
            by_item = {form.instance.item.pk: form for form in forms}
            for message in refusal_messages(error, by_item, "item_id"):
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(forms=forms))
        messages.success(request, "บันทึกรายการตรวจ OIT แล้ว")
        return redirect("oit-checklist", org=self.organisation.code, year=self.year)

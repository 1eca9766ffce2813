"""The approval chain of an organisation, set by its administrator (/o/<org>/settings/chain/).

Rows are the steps in signing order: each names the heading of the comment ("ความเห็นของ …")
and the executive who signs; the position printed under the signature is the member's
ตำแหน่ง (set on the members' page). Only active executives of this organisation are offered."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from kernel.forms import ThaiErrors, ThaiFormSet, ThaiIntegerField
from kernel.thai import clean_text
from organisations.access import Action
from organisations.forms import executives_of
from organisations.models import Membership
from organisations.views_base import OrganisationMixin

from ..services import StepInput, chain, chain_save


class StepForm(ThaiErrors, forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # where the step goes: rows are saved sorted by it (an empty one keeps its row's place)
    order = ThaiIntegerField(label=_("ลำดับ"), required=False, min_value=1, max_value=99)
    title = forms.CharField(
        label=_("ความเห็นของ"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "เช่น ความเห็นปลัดองค์การบริหารส่วนตำบล"}),
    )
    approver = forms.ModelChoiceField(
        label=_("ผู้ลงนาม"), queryset=None, required=False, empty_label="—"
    )
    remove = forms.BooleanField(label=_("นำออก"), required=False)

    def __init__(self, *args, approvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = approvers

    def clean(self):
        cleaned = super().clean()
        cleaned["title"] = clean_text(cleaned.get("title", ""))
        filled = cleaned["title"] or cleaned.get("approver")
        if filled and not cleaned.get("remove"):
            if not cleaned["title"]:
                self.add_error("title", _("กรุณากรอกหัวข้อความเห็น"))
            if not cleaned.get("approver"):
                self.add_error("approver", _("กรุณาเลือกผู้ลงนาม"))
        return cleaned


StepFormSet = forms.formset_factory(StepForm, formset=ThaiFormSet, extra=2, max_num=30)


class ChainView(OrganisationMixin, TemplateView):
    permission = Action.ADMINISTER
    template_name = "measures/settings_chain.html"

    def formset(self, data=None):
        approvers = executives_of(self.organisation)
        initial = [
            {"pk": s.pk, "order": number, "title": s.title, "approver": s.approver_id}
            for number, s in enumerate(chain(self.organisation), start=1)
        ]
        return StepFormSet(
            data, initial=initial, prefix="steps", form_kwargs={"approvers": approvers}
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.formset())
        positions = dict(
            Membership.objects.of(self.organisation)
            .filter(role=Membership.Role.EXECUTIVE, active=True)
            .values_list("user_id", "position")
        )
        return super().get_context_data(
            positions=positions, steps=chain(self.organisation), **kwargs
        )

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if formset.is_valid():
            rows = [
                (f.cleaned_data.get("order") or row, row, f)
                for row, f in enumerate(formset.forms, start=1)
                if f.cleaned_data.get("approver") and not f.cleaned_data.get("remove")
            ]
            steps = [
                StepInput(
                    pk=f.cleaned_data.get("pk"),
                    title=f.cleaned_data["title"],
                    approver_id=f.cleaned_data["approver"].pk,
                )
                for _order, _row, f in sorted(rows, key=lambda r: r[:2])
            ]
            try:
                chain_save(organisation=self.organisation, steps=steps, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    formset._non_form_errors.append(message)
            else:
                messages.success(request, "บันทึกลำดับการอนุมัติแล้ว")
                return redirect("settings-chain", org=self.organisation.code)
        messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขรายการที่มีข้อความสีแดง")
        return self.render_to_response(self.get_context_data(formset=formset))

"""A round report's way up the chain, confirmed step by step, and starting a new version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from kernel.thai import ThaiDateError, format_numeric_date, parse_date
from organisations.access import Action

from ..dates import signature_date_questions
from ..models import ApprovalStep
from ..selectors import round_report_summary
from ..services import (
    current_decisions,
    pending_step,
    round_action_check,
    round_decide,
    round_publish,
    round_reopen,
    round_submit,
)
from .base import RoundMixin


class RoundConfirmView(RoundMixin, TemplateView):
    """The page that shows what is about to be submitted, signed, sent back or published, and
    the button that does it. ``step`` is set per URL; STEPS says the right each needs."""

    template_name = "measures/round_confirm.html"
    step = None
    STEPS = {
        "submit": {
            "permission": Action.EDIT,
            "heading": "ยืนยันการส่งรายงานเสนอผู้บริหาร",
            "button": "ยืนยัน ส่งรายงานเสนอ",
            "done": "ส่งรายงานเสนอผู้บริหารแล้ว",
        },
        "approve": {
            "permission": Action.APPROVE,
            "heading": "ยืนยันการให้ความเห็นชอบ",
            "button": "ยืนยัน เห็นชอบ",
            "done": "บันทึกความเห็นชอบแล้ว",
            "comment": "ความเห็น (ถ้ามี)",
        },
        "send_back": {
            "permission": Action.APPROVE,
            "heading": "ยืนยันการส่งกลับให้แก้ไข",
            "button": "ยืนยัน ส่งกลับแก้ไข",
            "done": "ส่งรายงานกลับให้แก้ไขแล้ว",
            "comment": "ความเห็น: ต้องแก้ไขอะไร",
        },
        "publish": {
            "permission": (Action.EDIT, Action.APPROVE),
            "heading": "ยืนยันการเผยแพร่รายงาน",
            "button": "ยืนยัน เผยแพร่รายงาน",
            "done": "เผยแพร่รายงานแล้ว",
        },
    }

    def permission_for(self, method):
        return self.STEPS[self.step]["permission"]

    def refused(self, error):
        messages.error(self.request, error.messages[0])
        return redirect("round", org=self.organisation.code, year=self.year, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        progress_round = self.get_round()
        try:
            round_action_check(progress_round=progress_round, user=request.user, action=self.step)
        except ValidationError as error:
            return self.refused(error)
        return self.render_to_response(self.get_context_data(progress_round=progress_round))

    SIGNED = ("submit", "approve", "send_back")  # the steps that put a signature on the report

    def signed_on(self, progress_round):
        """The date the signature bears, as typed (today when left empty), and the questions a
        date outside the round's reasonable range asks until "ยืนยันวันที่" is ticked."""
        today = timezone.localdate()
        typed = self.request.POST.get("signed_on", "").strip()
        day = parse_date(typed) if typed else today
        questions = signature_date_questions(progress_round, day, today)
        return day, [] if self.request.POST.get("confirm_date") else questions

    def post(self, request, *args, **kwargs):
        progress_round = self.get_round()
        comment = request.POST.get("comment", "")
        try:
            round_action_check(progress_round=progress_round, user=request.user, action=self.step)
        except ValidationError as error:
            return self.refused(error)
        signed_on = None
        if self.step in self.SIGNED:
            try:
                signed_on, questions = self.signed_on(progress_round)
            except ThaiDateError as error:
                questions, refusal = [], error.messages[0]
            else:
                refusal = None
            if refusal or questions:
                context = self.get_context_data(
                    progress_round=progress_round,
                    comment=comment,
                    signed_on_typed=request.POST.get("signed_on", ""),
                )
                return self.render_to_response(
                    {**context, "refusal": refusal, "date_questions": questions}
                )
        try:
            if self.step == "submit":
                round_submit(progress_round=progress_round, user=request.user, signed_on=signed_on)
            elif self.step == "publish":
                round_publish(progress_round=progress_round, user=request.user)
            else:
                round_decide(
                    progress_round=progress_round,
                    user=request.user,
                    approve=self.step == "approve",
                    comment=comment,
                    signed_on=signed_on,
                )
        except ValidationError as error:  # e.g. a send-back without a comment: said here
            context = self.get_context_data(progress_round=progress_round, comment=comment)
            return self.render_to_response({**context, "refusal": error.messages[0]})
        messages.success(request, self.STEPS[self.step]["done"])
        return redirect("round", org=self.organisation.code, year=self.year, pk=progress_round.pk)

    def get_context_data(self, *, progress_round, **kwargs):
        kwargs.update(
            round=progress_round,
            step=self.step,
            texts=self.STEPS[self.step],
            summary=round_report_summary(progress_round),
            chain=ApprovalStep.objects.of(self.organisation).select_related("approver"),
            decisions=current_decisions(progress_round),
            pending=pending_step(progress_round),
            signs=self.step in self.SIGNED,
        )
        kwargs.setdefault("signed_on_typed", format_numeric_date(timezone.localdate()))
        return super().get_context_data(**kwargs)


class RoundReopenView(RoundMixin, View):
    """Start a new version of a submitted or approved report."""

    permission = Action.EDIT

    def post(self, request, *args, **kwargs):
        progress_round = self.get_round()
        try:
            round_reopen(progress_round=progress_round, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "เริ่มฉบับแก้ไขใหม่แล้ว ฉบับที่อนุมัติไว้ยังเก็บอยู่")
        return redirect("round", org=self.organisation.code, year=self.year, pk=progress_round.pk)

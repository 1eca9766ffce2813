"""The year's reporting rounds, and one round on one screen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.views.generic import TemplateView

from kernel.thai import whole_number
from organisations.access import Action, can
from organisations.models import Unit
from public.addresses import public_year_url

from .. import versions
from ..dates import done_date_questions
from ..forms import ProgressFormSet, RoundForm
from ..locking import shown_version
from ..models import ApprovalStep, Measure, ProgressRound, Status
from ..selectors import measure_states, round_overdue
from ..services import (
    EvidenceInput,
    EvidenceRefused,
    ProgressInput,
    current_decisions,
    pending_step,
    round_add,
    round_progress_save,
    standard_round_plans,
    standard_rounds,
)
from .base import RoundMixin, YearMixin, refusal_messages, today


class RoundListView(YearMixin, TemplateView):
    template_name = "measures/round_list.html"
    permission = {"GET": Action.VIEW, "POST": Action.EDIT}

    def get_context_data(self, **kwargs):
        rounds = list(ProgressRound.objects.of(self.organisation).filter(fiscal_year=self.year))
        have = {r.name for r in rounds}
        kwargs.update(
            rounds=[(r, round_overdue(r, today())) for r in rounds],
            # the standard rounds not made yet, each to make on its own
            missing=[
                (kind, name, start, end)
                for kind, name, start, end, _due in standard_round_plans(self.year)
                if name not in have
            ],
            form=kwargs.get("form") or RoundForm(),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        plans = {kind: name for kind, name, *_dates in standard_round_plans(self.year)}
        if request.POST.get("standard") in plans:
            kind = request.POST["standard"]
            made = standard_rounds(
                organisation=self.organisation, fiscal_year=self.year, kinds=[kind]
            )
            messages.success(request, f"สร้าง{plans[kind]}แล้ว")
            return redirect("round", org=self.organisation.code, year=self.year, pk=made[0].pk)
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                round_add(
                    organisation=self.organisation, fiscal_year=self.year, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "เพิ่มรอบการรายงานแล้ว")
                return redirect("rounds", org=self.organisation.code, year=self.year)
        return self.render_to_response(self.get_context_data(form=form))


class RoundView(RoundMixin, TemplateView):
    """A whole round on one screen: every measure (or those of one unit) with status, what was
    done, results, suggestions and evidence; then submit and the approval chain."""

    template_name = "measures/round.html"
    permission = {"GET": Action.VIEW, "POST": Action.EDIT}

    def unit_filter(self, progress_round):
        """The unit whose measures are shown: the one asked for; by default the viewer's own
        while they fill in a draft, and every measure for anyone reviewing or approving."""
        value = self.request.GET.get("unit")
        if value == "all":
            return None
        if (unit := whole_number(value or "")) is not None:
            return Unit.objects.of(self.organisation).filter(pk=unit).first()
        if not (can(self.role, Action.EDIT) and progress_round.editable):
            return None
        membership = self.organisation.membership_set.filter(user=self.request.user).first()
        return membership.unit if membership and membership.unit else None

    def year_measures(self):
        return Measure.objects.of(self.organisation).filter(fiscal_year=self.year)

    def measures(self, unit):
        qs = self.year_measures()
        if unit is not None:
            qs = qs.filter(Q(responsible_units=unit) | Q(responsible_units__isnull=True))
        return list(
            qs.distinct()
            .prefetch_related("steps", "responsible_units", "deadlines")
            .in_document_order()
        )

    def formset(self, progress_round, measures, data=None, files=None):
        existing = {p.measure_id: p for p in progress_round.progress.all()}
        initial = []
        for m in measures:
            p = existing.get(m.pk)
            initial.append(
                {
                    "measure": m.pk,
                    "version": shown_version(p) if p else 0,
                    "status": p.status if p else Status.NOT_STARTED,
                    "summary": p.summary if p else "",
                    "results": p.results if p else "",
                    "done_text": p.done_text if p else "",
                    "done_on": p.done_on if p else None,
                    "suggestions": p.suggestions if p else "",
                }
            )
        return ProgressFormSet(data, files, initial=initial, prefix="p"), existing

    def get_context_data(self, **kwargs):
        progress_round = self.get_round()
        unit = self.unit_filter(progress_round)
        measures = self.measures(unit)
        fresh, existing = self.formset(progress_round, measures)
        formset = kwargs.pop("formset", None) or fresh
        states = measure_states(measures, today())  # overdue by the latest status, as everywhere
        rows = []
        for form, measure in zip(formset.forms, measures, strict=False):
            p = existing.get(measure.pk)
            rows.append(
                {
                    "form": form,
                    "measure": measure,
                    "progress": p,
                    "evidence": list(p.evidence.all()) if p else [],
                    "overdue": states[measure.pk][2],
                }
            )
        step = pending_step(progress_round)
        version = versions.current_version(progress_round)
        kwargs.update(
            round=progress_round,
            formset=formset,
            rows=rows,
            unit=unit,
            # "แสดง ๑ จาก ๒ มาตรการ" whenever the filter hides some
            total=self.year_measures().count() if unit is not None else len(measures),
            units=Unit.objects.of(self.organisation).filter(active=True),
            editing=can(self.role, Action.EDIT) and progress_round.editable,
            decisions=current_decisions(progress_round),
            all_decisions=progress_round.decisions.select_related("user"),
            chain=ApprovalStep.objects.of(self.organisation).select_related("approver"),
            pending=step,
            my_turn=step is not None and step.approver_id == self.request.user.pk,
            overdue=round_overdue(progress_round, today()),
            approved_versions=progress_round.versions.exclude(approved_at=None),
            public_url=progress_round.published
            and public_year_url(self.request, self.organisation, self.year),
            # what the live data shows that the version under review or approved does not
            unapproved_changes=versions.changes_since(version) if version else [],
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        progress_round = self.get_round()
        measures = self.measures(self.unit_filter(progress_round))
        # a mutable copy: after a refusal the page offers the versions now stored
        formset, _existing = self.formset(
            progress_round, measures, request.POST.copy(), request.FILES
        )
        by_pk = {m.pk: m for m in measures}
        if not formset.is_valid():
            messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขรายการที่มีข้อความสีแดง")
            return self.render_to_response(self.get_context_data(formset=formset))
        done_on = [f.cleaned_data.get("done_on") for f in formset.forms]
        questions = (
            [] if request.POST.get("confirm_date") else done_date_questions(progress_round, done_on)
        )
        if questions:  # asked, not refused: work done after the round's end can be right
            context = self.get_context_data(formset=formset)
            return self.render_to_response({**context, "date_questions": questions})
        entries, evidence = [], []
        for form in formset.forms:
            data = form.cleaned_data
            measure = by_pk.get(data["measure"])
            if measure is None:
                raise PermissionDenied("มาตรการนี้ไม่อยู่ในรอบนี้")
            entries.append(
                ProgressInput(
                    measure=measure,
                    status=data["status"],
                    summary=data["summary"],
                    results=data["results"],
                    done_text=data["done_text"],
                    done_on=data["done_on"],
                    suggestions=data["suggestions"],
                    expected_version=data["version"],
                )
            )
            if data.get("evidence_file") or data.get("evidence_url"):
                evidence.append(
                    EvidenceInput(
                        measure=measure,
                        upload=data.get("evidence_file"),
                        url=data.get("evidence_url") or "",
                        title=data.get("evidence_title") or "",
                    )
                )
        rows = {f.cleaned_data["measure"]: f for f in formset.forms}
        try:
            round_progress_save(
                progress_round=progress_round, entries=entries, evidence=evidence, user=request.user
            )
        except EvidenceRefused as error:
            rows[error.measure_id].add_error("evidence_file", error.messages)
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(formset=formset))
        except ValidationError as error:
            for message in refusal_messages(error, rows, "measure_id"):
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(formset=formset))
        if request.POST.get("then") == "submit":  # "ส่งรายงานเสนอผู้บริหาร": saved, now confirm
            messages.success(
                request, f"บันทึกสิ่งที่กรอกใน{progress_round.name}แล้ว ตรวจสรุปรายงานแล้วกดยืนยันเพื่อส่ง"
            )
            return redirect(
                "round-submit", org=self.organisation.code, year=self.year, pk=progress_round.pk
            )
        messages.success(request, f"บันทึก{progress_round.name}แล้ว")
        return redirect(request.get_full_path())

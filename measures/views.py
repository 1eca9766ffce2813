"""Measures, rounds, evidence, the OIT checklist and the year's home."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from assessments.models import Framework, ImprovementIssue
from kernel.thai import BE_RANGE, thai_digits
from organisations.access import Action, can
from organisations.models import Unit
from organisations.views_base import OrganisationMixin

from . import versions
from .evidence import download_name
from .forms import ChecklistRowForm, DeadlineFormSet, MeasureForm, ProgressFormSet, RoundForm
from .locking import shown_version
from .models import (
    ApprovalStep,
    Evidence,
    Measure,
    OITChecklistEntry,
    Progress,
    ProgressRound,
    RoundDecision,
    Status,
)
from .selectors import (
    checklist_completion,
    checklist_entries,
    checklist_framework,
    measure_rows,
    measure_states,
    round_overdue,
    round_report_summary,
    year_status,
)
from .services import (
    ChecklistInput,
    ProgressInput,
    checklist_save,
    current_decisions,
    evidence_add,
    measure_save,
    measures_copy,
    pending_step,
    progress_for_evidence,
    progress_save_round,
    round_action_check,
    round_add,
    round_decide,
    round_publish,
    round_reopen,
    round_submit,
    standard_rounds,
)


def today():
    return timezone.localdate()


class YearMixin(OrganisationMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.year = int(kwargs["year"])
        if not BE_RANGE[0] <= self.year <= BE_RANGE[1]:
            raise Http404("ปีงบประมาณต้องเป็นปี พ.ศ.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(year=self.year, today=today())
        return super().get_context_data(**kwargs)


class YearHomeView(YearMixin, TemplateView):
    template_name = "measures/year_home.html"

    def get_context_data(self, **kwargs):
        kwargs["status"] = year_status(self.organisation, self.year, today())
        return super().get_context_data(**kwargs)


class MeasureListView(YearMixin, TemplateView):
    template_name = "measures/measure_list.html"

    def get_context_data(self, **kwargs):
        rows = measure_rows(self.organisation, self.year, today())
        groups = {}
        for row in rows:
            issues = list(row.measure.issues.all())
            key = str(issues[0]) if issues else row.measure.get_kind_display()
            if row.measure.kind == Measure.Kind.GUIDELINE:
                indicators = list(row.measure.indicators.all())
                key = "แนวทางในการยกระดับ" + (f" · {indicators[0]}" if indicators else "")
            groups.setdefault(key, []).append(row)
        kwargs.update(
            groups=groups,
            count=len(rows),
            overdue=sum(r.overdue for r in rows),
            has_previous=Measure.objects.of(self.organisation)
            .filter(fiscal_year=self.year - 1)
            .exists(),
        )
        return super().get_context_data(**kwargs)


class MeasureCopyView(YearMixin, View):
    action = Action.EDIT

    def post(self, request, *args, **kwargs):
        try:
            copies = measures_copy(
                organisation=self.organisation,
                from_year=self.year - 1,
                to_year=self.year,
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            carried = sum(c.carried_over for c in copies)
            messages.success(
                request,
                f"คัดลอกมาตรการปี {thai_digits(self.year - 1)} มา {thai_digits(len(copies))} รายการ "
                f"(ยังไม่แล้วเสร็จ {thai_digits(carried)} รายการ ทำเครื่องหมายไว้)",
            )
        return redirect("measures", org=self.organisation.code, year=self.year)


class MeasureEditView(YearMixin, TemplateView):
    action = Action.EDIT
    template_name = "measures/measure_form.html"

    def get_measure(self):
        if "pk" in self.kwargs:
            return get_object_or_404(
                Measure.objects.of(self.organisation).filter(fiscal_year=self.year),
                pk=self.kwargs["pk"],
            )
        last = (
            Measure.objects.of(self.organisation)
            .filter(fiscal_year=self.year)
            .order_by("-number")
            .first()
        )
        return Measure(
            organisation=self.organisation,
            fiscal_year=self.year,
            number=(last.number + 1) if last else 1,
        )

    def forms(self, measure, data=None):
        frameworks = Framework.objects.filter(fiscal_year__in=[self.year - 1, self.year])
        issues = ImprovementIssue.objects.filter(
            assessment__organisation=self.organisation,
            assessment__framework__fiscal_year__in=[self.year - 1, self.year],
        )
        form = MeasureForm(
            data,
            instance=measure,
            organisation=self.organisation,
            frameworks=frameworks,
            issues=issues,
        )
        deadlines = DeadlineFormSet(data, instance=measure, prefix="deadlines")
        return form, deadlines

    def get_context_data(self, **kwargs):
        measure = self.get_measure()
        if "form" not in kwargs:
            kwargs["form"], kwargs["deadlines"] = self.forms(measure)
        kwargs["measure"] = measure
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        measure = self.get_measure()
        # a mutable copy: after a refusal the page offers the version now stored
        form, deadlines = self.forms(measure, request.POST.copy())
        if form.is_valid() and deadlines.is_valid():
            try:
                with transaction.atomic():
                    saved = measure_save(
                        measure=form.instance,
                        steps=form.step_list(),
                        expected_version=form.cleaned_data["version"],
                        user=request.user,
                        links=form.links(),
                    )
                    deadlines.instance = saved
                    deadlines.save()
            except ValidationError as error:
                current = getattr(error, "current", None)
                if current is not None:  # saving again is then a deliberate choice
                    form.data["version"] = str(current.version)
                form.add_error(None, error)
            else:
                messages.success(request, "บันทึกมาตรการแล้ว")
                return redirect("measures", org=self.organisation.code, year=self.year)
        return self.render_to_response(self.get_context_data(form=form, deadlines=deadlines))


class MeasureHistoryView(YearMixin, TemplateView):
    template_name = "measures/history.html"

    def get_context_data(self, **kwargs):
        measure = get_object_or_404(Measure.objects.of(self.organisation), pk=self.kwargs["pk"])
        records = list(measure.history.select_related("history_user").order_by("-history_date"))
        entries = []
        for newer, older in zip(records, records[1:] + [None], strict=False):
            changes = []
            if older is not None:
                delta = newer.diff_against(
                    older, excluded_fields=["version", "updated_at", "updated_by"]
                )
                changes = [(c.field, c.old, c.new) for c in delta.changes]
            entries.append((newer, changes))
        progress = []
        for p in measure.progress.select_related("round"):
            progress += [(p.round, h) for h in p.history.select_related("history_user")]
        progress.sort(key=lambda pair: pair[1].history_date, reverse=True)
        kwargs.update(measure=measure, entries=entries, progress_history=progress)
        return super().get_context_data(**kwargs)


class RoundListView(YearMixin, TemplateView):
    template_name = "measures/round_list.html"

    def get_context_data(self, **kwargs):
        rounds = ProgressRound.objects.of(self.organisation).filter(fiscal_year=self.year)
        kwargs.update(
            rounds=[(r, round_overdue(r, today())) for r in rounds],
            form=kwargs.get("form") or RoundForm(),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if not can(self.role, Action.EDIT):
            raise PermissionDenied
        if request.POST.get("standard") == "1":
            standard_rounds(organisation=self.organisation, fiscal_year=self.year)
            messages.success(request, "สร้างรอบ ๖ เดือน และรอบ ๑๒ เดือนแล้ว")
            return redirect("rounds", org=self.organisation.code, year=self.year)
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


class RoundMixin(YearMixin):
    def get_round(self):
        return get_object_or_404(
            ProgressRound.objects.of(self.organisation).filter(fiscal_year=self.year),
            pk=self.kwargs["pk"],
        )


class RoundView(RoundMixin, TemplateView):
    """A whole round on one screen: every measure (or those of one unit) with status, what was
    done, results, suggestions and evidence; then submit and the approval chain."""

    template_name = "measures/round.html"

    def unit_filter(self):
        value = self.request.GET.get("unit")
        if value == "all":
            return None
        if value and value.isdigit():
            return Unit.objects.of(self.organisation).filter(pk=int(value)).first()
        membership = self.organisation.membership_set.filter(user=self.request.user).first()
        return membership.unit if membership and membership.unit else None

    def measures(self, unit):
        qs = Measure.objects.of(self.organisation).filter(fiscal_year=self.year)
        if unit is not None:
            qs = qs.filter(Q(responsible_units=unit) | Q(responsible_units__isnull=True))
        return list(
            qs.distinct()
            .prefetch_related("steps", "responsible_units", "deadlines")
            .order_by("kind", "number")
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
        unit = self.unit_filter()
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
        kwargs.update(
            round=progress_round,
            formset=formset,
            rows=rows,
            unit=unit,
            units=Unit.objects.of(self.organisation).filter(active=True),
            editing=can(self.role, Action.EDIT) and progress_round.editable,
            decisions=current_decisions(progress_round),
            all_decisions=progress_round.decisions.select_related("user"),
            chain=ApprovalStep.objects.of(self.organisation).select_related("approver"),
            pending=step,
            my_turn=step is not None and step.approver_id == self.request.user.pk,
            overdue=round_overdue(progress_round, today()),
            approved_versions=progress_round.versions.exclude(approved_at=None),
            unapproved_changes=self.unapproved_changes(progress_round),
        )
        return super().get_context_data(**kwargs)

    @staticmethod
    def unapproved_changes(progress_round):
        """What the live data shows that the version under review or approved does not."""
        version = versions.current_version(progress_round)
        return versions.changes_since(version) if version else []

    def post(self, request, *args, **kwargs):
        if not can(self.role, Action.EDIT):
            raise PermissionDenied
        progress_round = self.get_round()
        measures = self.measures(self.unit_filter())
        # a mutable copy: after a refusal the page offers the versions now stored
        formset, _existing = self.formset(
            progress_round, measures, request.POST.copy(), request.FILES
        )
        by_pk = {m.pk: m for m in measures}
        if not formset.is_valid():
            messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขรายการที่มีข้อความสีแดง")
            return self.render_to_response(self.get_context_data(formset=formset))
        entries, uploads = [], []
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
                uploads.append((form, measure, data))
        try:
            with transaction.atomic():
                saved = {
                    p.measure_id: p
                    for p in progress_save_round(
                        progress_round=progress_round, entries=entries, user=request.user
                    )
                }
                for form, measure, data in uploads:
                    try:
                        evidence_add(
                            progress=saved.get(measure.pk)
                            or progress_for_evidence(
                                progress_round=progress_round, measure=measure, user=request.user
                            ),
                            upload=data.get("evidence_file"),
                            url=data.get("evidence_url") or "",
                            title=data.get("evidence_title") or "",
                            user=request.user,
                        )
                    except ValidationError as error:
                        form.add_error("evidence_file", error)
                        raise
        except ValidationError as error:
            rows = {f.cleaned_data["measure"]: f for f in formset.forms}
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


def refusal_messages(error, forms_by_key, key_attr) -> list[str]:
    """The messages of a refused save of many rows, for the top of the page. A row someone
    else saved first says so itself and carries the version now stored, so that saving the
    page again is a deliberate choice; rows not refused keep the version they showed."""
    shown, marked = [], False
    for refusal in getattr(error, "error_list", [error]):
        current = getattr(refusal, "current", None)
        form = forms_by_key.get(getattr(current, key_attr, None))
        if form is None:
            shown += refusal.messages
            continue
        form.data[form.add_prefix("version")] = str(current.version)
        form.add_error(None, refusal.messages[0])
        marked = True
    if marked:
        shown.append(
            "ยังไม่ได้บันทึก: มีผู้อื่นบันทึกรายการที่มีข้อความสีแดงไปก่อนหลังจากที่ท่านเปิดหน้านี้ "
            "ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้ กรุณาตรวจสอบแล้วบันทึกอีกครั้ง"
        )
    return shown


class RoundConfirmView(RoundMixin, TemplateView):
    """The page that shows what is about to be submitted, signed, sent back or published, and
    the button that does it. ``step`` is set per URL; ``action`` is the right it needs."""

    template_name = "measures/round_confirm.html"
    step = None
    STEPS = {
        "submit": {
            "action": Action.EDIT,
            "heading": "ยืนยันการส่งรายงานเสนอผู้บริหาร",
            "button": "ยืนยัน ส่งรายงานเสนอ",
            "done": "ส่งรายงานเสนอผู้บริหารแล้ว",
        },
        "approve": {
            "action": Action.APPROVE,
            "heading": "ยืนยันการให้ความเห็นชอบ",
            "button": "ยืนยัน เห็นชอบ",
            "done": "บันทึกความเห็นชอบแล้ว",
            "comment": "ความเห็น (ถ้ามี)",
        },
        "send_back": {
            "action": Action.APPROVE,
            "heading": "ยืนยันการส่งกลับให้แก้ไข",
            "button": "ยืนยัน ส่งกลับแก้ไข",
            "done": "ส่งรายงานกลับให้แก้ไขแล้ว",
            "comment": "ความเห็น: ต้องแก้ไขอะไร",
        },
        "publish": {
            "action": (Action.EDIT, Action.APPROVE),
            "heading": "ยืนยันการเผยแพร่รายงาน",
            "button": "ยืนยัน เผยแพร่รายงาน",
            "done": "เผยแพร่รายงานแล้ว",
        },
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.action = self.STEPS[self.step]["action"]

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

    def post(self, request, *args, **kwargs):
        progress_round = self.get_round()
        comment = request.POST.get("comment", "")
        try:
            round_action_check(progress_round=progress_round, user=request.user, action=self.step)
        except ValidationError as error:
            return self.refused(error)
        try:
            if self.step == "submit":
                round_submit(progress_round=progress_round, user=request.user)
            elif self.step == "publish":
                round_publish(progress_round=progress_round, user=request.user)
            else:
                round_decide(
                    progress_round=progress_round,
                    user=request.user,
                    approve=self.step == "approve",
                    comment=comment,
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
        )
        return super().get_context_data(**kwargs)


class RoundActionView(RoundMixin, View):
    """Start a new version of a submitted or approved report. Submitting, approving, sending
    back and publishing go through their confirmation pages; a post of one of them (from a
    page opened before those existed) is sent there, and changes nothing."""

    action = (Action.EDIT, Action.APPROVE)
    CONFIRMED = {
        "submit": "round-submit",
        "approve": "round-approve",
        "send_back": "round-send-back",
        "publish": "round-publish",
    }

    def post(self, request, *args, **kwargs):
        progress_round = self.get_round()
        where = {"org": self.organisation.code, "year": self.year, "pk": progress_round.pk}
        step = request.POST.get("action")
        if step in self.CONFIRMED:
            return redirect(self.CONFIRMED[step], **where)
        try:
            if step != "reopen":
                raise ValidationError("ไม่รู้จักคำสั่งนี้")
            if not can(self.role, Action.EDIT):
                raise PermissionDenied("ไม่มีสิทธิ์ทำรายการนี้")
            round_reopen(progress_round=progress_round, user=request.user)
            messages.success(request, "เริ่มฉบับแก้ไขใหม่แล้ว ฉบับที่อนุมัติไว้ยังเก็บอยู่")
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("round", **where)


def _serve(evidence):
    if not evidence.file:
        return redirect(evidence.url)
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=not evidence.content_type.startswith(("image/", "application/pdf")),
        filename=download_name(evidence.original_name, evidence.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


class EvidenceView(OrganisationMixin, View):
    def get(self, request, *args, **kwargs):
        evidence = get_object_or_404(Evidence.objects.of(self.organisation), pk=kwargs["pk"])
        return _serve(evidence)


def public_evidence(request, token):
    evidence = Evidence.objects.filter(public_token=token).select_related("progress__round").first()
    if evidence is None or not versions.is_public_evidence(evidence):
        raise Http404("ไม่พบหลักฐาน หรือยังไม่เผยแพร่")
    return _serve(evidence)


class ChecklistView(YearMixin, TemplateView):
    template_name = "measures/checklist.html"

    def get_framework(self):
        framework = checklist_framework(self.year)
        if framework is None:
            raise Http404("ยังไม่มีกรอบการประเมินสำหรับปีนี้")
        return framework

    def forms(self, entries, data=None):
        units = Unit.objects.of(self.organisation).filter(active=True)
        return [
            ChecklistRowForm(data, instance=e, units=units, prefix=f"o{e.item.number}")
            for e in entries
        ]

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
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if not can(self.role, Action.EDIT):
            raise PermissionDenied
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


class YearHistoryView(YearMixin, TemplateView):
    """Who changed what and when, across the year's measures, progress, checklist and reports."""

    template_name = "measures/year_history.html"

    def get_context_data(self, **kwargs):
        org = self.organisation
        measure_ids = Measure.objects.of(org).filter(fiscal_year=self.year).values("pk")
        events = []
        for label, qs in (
            ("มาตรการ", Measure.history.filter(organisation=org, fiscal_year=self.year)),
            ("ความก้าวหน้า", Progress.history.filter(measure_id__in=measure_ids)),
            ("รายการตรวจ OIT", OITChecklistEntry.history.filter(organisation=org)),
            (
                "การอนุมัติ",
                RoundDecision.history.filter(round__organisation=org, round__fiscal_year=self.year),
            ),
            ("รอบการรายงาน", ProgressRound.history.filter(organisation=org, fiscal_year=self.year)),
        ):
            for record in qs.select_related("history_user").order_by("-history_date")[:200]:
                events.append((record.history_date, label, record))
        events.sort(key=lambda e: e[0], reverse=True)
        kwargs["events"] = events[:300]
        return super().get_context_data(**kwargs)

"""The Django admin is for platform operators, and it is Thai: every page of the project's
models (list, add, change) is scanned for words in Latin letters, and the selects of units,
users and steps list only the organisation being edited."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.models import ApprovalStep
from organisations.models import Membership, Unit, User

from ..factories import make_chain, make_measure, make_user
from ..pages import latin_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client, people, org_a, org_b):
    make_chain(org_a, people["exec_a"])
    client.force_login(people["admin"])
    return client


def _pages():
    """Every model registered in the admin: the project's, Django's and the packages'."""
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        yield f"admin:{info[0]}_{info[1]}_changelist", model, model_admin


def test_the_admin_pages_of_the_projects_models_are_thai(operator, people, org_a):
    """List, add, change and delete pages of every registered model, with rows to show."""
    from axes.models import AccessFailureLog, AccessLog

    with scopes_disabled():
        unit = Unit.objects.filter(organisation=org_a).first()
    make_measure(org_a, units=[unit])  # its delete page lists its links to units
    login = {"username": "staff-a", "ip_address": "127.0.0.1", "path_info": "/accounts/login/"}
    AccessLog.objects.create(**login, user_agent="-", http_accept="text/html")
    AccessFailureLog.objects.create(**login, user_agent="-", http_accept="text/html")
    found = {}
    # data (account names, organisation codes) and the image formats the emblem accepts
    allowed = ["admin", "staff-a", "exec-a", "staff-b", "supervisor", "org-a", "org-b"]
    allowed += ["PNG", "JPEG"]
    # the address of the login page, as the login logs record it
    allowed += ["accounts", "login"]
    # the frameworks' own wording of OIT items ("Social Network", "No Gift Policy",
    # "e-Service", "QR code", PDPA)
    allowed += ["Social", "Network", "No", "Gift", "Policy", "Service", "QR", "code", "PDPA"]
    # the password's summary shows the start of its salt and hash
    allowed += [
        p[:n]
        for password in User.objects.values_list("password", flat=True)
        for p in password.split("$")[1:]
        for n in (6, 2)
        if len(p) >= n
    ]
    for name, model, model_admin in _pages():
        urls = [reverse(name)]
        if model_admin.has_add_permission(_request(people["admin"])):
            urls.append(reverse(name.replace("changelist", "add")))
        with scopes_disabled():
            first = model._default_manager.order_by("pk").first()
        if first is not None and model_admin.has_change_permission(
            _request(people["admin"]), first
        ):
            urls.append(reverse(name.replace("changelist", "change"), args=[first.pk]))
        if first is not None and model_admin.has_delete_permission(
            _request(people["admin"]), first
        ):
            # the confirmation lists what goes with the object
            urls.append(reverse(name.replace("changelist", "delete"), args=[first.pk]))
        for url in urls:
            response = operator.get(url)
            assert response.status_code == 200, url
            words = latin_words(response.content.decode(), allowed=allowed)
            if words:
                found[url] = sorted(set(words))
    assert found == {}, "\n".join(f"{u}: {w}" for u, w in found.items())


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_the_membership_inline_lists_only_the_organisations_units(operator, org_a, org_b):
    with scopes_disabled():
        other = Unit.objects.get(organisation=org_b)
        own = Unit.objects.filter(organisation=org_a).first()
    page = operator.get(
        reverse("admin:organisations_organisation_change", args=[org_a.pk])
    ).content.decode()
    assert f'<option value="{own.pk}"' in page and f'<option value="{other.pk}"' not in page


def test_the_approval_steps_approver_lists_only_the_organisations_executives(
    operator, people, org_a, org_b
):
    outsider = make_user("exec-b", member_of=[(org_b, "executive")])
    with scopes_disabled():
        step = ApprovalStep.objects.get(organisation=org_a)
        membership = Membership.objects.get(user=people["staff_a"])
    page = operator.get(
        reverse("admin:measures_approvalstep_change", args=[step.pk])
    ).content.decode()
    select = page.split('name="approver"')[1].split("</select>")[0]
    assert f'<option value="{people["exec_a"].pk}"' in select
    assert f'value="{outsider.pk}"' not in select
    assert f'value="{people["staff_a"].pk}"' not in select
    page = operator.get(
        reverse("admin:organisations_membership_change", args=[membership.pk])
    ).content.decode()
    with scopes_disabled():
        other = Unit.objects.get(organisation=org_b)
    select = page.split('name="unit"')[1].split("</select>")[0]
    assert f'value="{other.pk}"' not in select and "สำนักปลัด · อบต.เอ" in select


def test_the_last_active_platform_admin_cannot_be_deactivated(operator, people):
    from django.core.exceptions import ValidationError

    from ..pages import posted_as_is

    admin_user = people["admin"]
    url = reverse("admin:organisations_user_change", args=[admin_user.pk])
    data = posted_as_is(operator.get(url).content.decode())
    data.pop("is_active", None)
    response = operator.post(url, data)
    assert response.status_code == 200
    assert "ผู้ดูแลระบบของแพลตฟอร์มคนสุดท้ายที่ใช้งานอยู่" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active
    admin_user.is_superuser = False
    with pytest.raises(ValidationError):
        admin_user.full_clean()
    # with a second platform admin, the first may go
    make_user("admin-2", superuser=True)
    admin_user.refresh_from_db()
    admin_user.is_active = False
    admin_user.full_clean()


def test_a_users_dates_are_shown_with_buddhist_era_years(operator, people):
    """The dates Django keeps (shown read-only: their split inputs had no labels) print as
    the portal prints dates, not "4 ธันวาคม 2026"."""
    from kernel.thai import format_datetime

    user = people["staff_a"]
    page = operator.get(reverse("admin:organisations_user_change", args=[user.pk]))
    html = page.content.decode()
    assert format_datetime(user.date_joined) in html
    assert 'name="date_joined_0"' not in html and 'name="last_login_0"' not in html


def test_a_round_is_published_through_the_portal_not_the_admin(operator, org_a):
    from measures.services import standard_rounds

    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    page = operator.get(reverse("admin:measures_progressround_change", args=[six.pk]))
    html = page.content.decode()
    for name in ("published", "state", "published_at"):  # read-only: no box to tick
        assert f'name="{name}"' not in html, name


def test_an_emblem_uploaded_in_the_admin_is_checked_like_the_settings_pages(org_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.forms import modelform_factory

    from organisations.admin import OrganisationAdminForm
    from organisations.models import Organisation

    from .test_onboarding import _png

    form_class = modelform_factory(Organisation, form=OrganisationAdminForm, fields=["emblem"])
    fake = SimpleUploadedFile("emblem.png", b"<svg onload=alert(1)>", content_type="image/png")
    form = form_class({}, {"emblem": fake}, instance=org_a)
    assert not form.is_valid()
    assert "PNG หรือ JPEG" in str(form.errors["emblem"])
    real = _png()
    upload = SimpleUploadedFile("emblem.png", real.read(), content_type="image/png")
    form = form_class({}, {"emblem": upload}, instance=org_a)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["emblem"].name != "emblem.png"  # a new random name


def _history_pages():
    """The change-history list and one history record of each model kept with history."""
    from simple_history.admin import SimpleHistoryAdmin

    for name, model, model_admin in _pages():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        with scopes_disabled():
            first = model._default_manager.order_by("pk").first()
            record = first.history.order_by("history_id").first() if first else None
        if record is None:
            continue
        yield (
            model,
            first,
            record,
            [
                reverse(name.replace("changelist", "history"), args=[first.pk]),
                reverse(name.replace("changelist", "simple_history"), args=[first.pk, record.pk]),
            ],
        )


def test_the_history_pages_are_thai_with_buddhist_era_dates(operator, people, org_a):
    """The history list prints when (in the BE), who and why ("-" when no reason was given,
    not "None"); a history record's breadcrumb names the app in Thai."""
    from kernel.thai import format_datetime

    allowed = ["admin", "staff-a", "exec-a", "staff-b", "supervisor", "org-a", "org-b"]
    allowed += ["PNG", "JPEG"]
    found, seen = {}, 0
    for model, _obj, record, (listing, detail) in _history_pages():
        seen += 1
        for url in (listing, detail):
            response = operator.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            words = latin_words(html, allowed=allowed)
            if words:
                found[url] = sorted(set(words))
        listing_html = operator.get(listing).content.decode()
        assert format_datetime(record.history_date) in listing_html, listing
        assert ">None<" not in listing_html.replace(" ", "").replace("\n", ""), listing
        detail_html = operator.get(detail).content.decode()
        assert str(model._meta.app_config.verbose_name) in detail_html, detail
    assert seen >= 3
    assert found == {}, "\n".join(f"{u}: {w}" for u, w in found.items())


def test_the_admins_scripts_speak_thai(operator):
    """The admin's JavaScript catalogue: where Django's own Thai has gaps (the two-box
    selector, the calendar's month and day names, the action bar's warnings, the "selected"
    counter) locale/th/LC_MESSAGES/djangojs.po fills them."""
    import json

    raw = operator.get(reverse("admin:jsi18n")).content.decode("utf-8")
    # the catalogue is a JSON object inside the script (non-ASCII written as \\u escapes)
    catalogue = json.loads(raw.split("const newcatalog = ", 1)[1].split(";\n", 1)[0])
    script = json.dumps(catalogue, ensure_ascii=False)
    for thai in ["เลือก%sทั้งหมด", "นำ%sออกทั้งหมด", "ม.ค.", "ธ.ค.", "พฤหัสบดี", "พฤ."]:
        assert thai in script, thai
    assert "เลือกแล้ว %(sel)s จาก %(cnt)s รายการ" in script
    assert "จาก %(cnt)s selected" not in script  # Django's own Thai, half English


def test_the_last_active_platform_admin_cannot_be_deleted(operator, people):
    """Neither from the change page (no delete page for them) nor with the list's action."""
    admin_user = people["admin"]
    delete = reverse("admin:organisations_user_delete", args=[admin_user.pk])
    assert operator.get(delete).status_code == 403
    assert operator.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:organisations_user_changelist")
    response = operator.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [admin_user.pk], "post": "yes"},
        follow=True,
    )
    assert "ผู้ดูแลระบบของแพลตฟอร์มคนสุดท้ายที่ใช้งานอยู่" in response.content.decode()
    assert User.objects.filter(pk=admin_user.pk).exists()
    # with a second platform admin, the first may go
    make_user("admin-2", superuser=True)
    assert operator.get(delete).status_code == 200


def _choices(page, name):
    """The option values of the select (or the boxes) named ``name``."""
    import re

    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    if select:
        return set(re.findall(r'<option value="(\d+)"', select.group(1)))
    return set(re.findall(rf'<input[^>]*name="{name}"[^>]*value="(\d+)"', page))


def test_a_measures_and_a_checklist_entrys_selects_list_only_their_organisations_rows(
    operator, org_a, org_b
):
    from assessments.models import OITItem
    from measures.models import OITChecklistEntry

    own = make_measure(org_a, number=1)
    other = make_measure(org_b, number=2)
    with scopes_disabled():
        units_a = {
            str(pk) for pk in Unit.objects.filter(organisation=org_a).values_list("pk", flat=True)
        }
        entry = OITChecklistEntry.objects.create(
            organisation=org_a, item=OITItem.objects.filter(framework__fiscal_year=2566).first()
        )
    page = operator.get(reverse("admin:measures_measure_change", args=[own.pk])).content.decode()
    assert _choices(page, "responsible_units") == units_a
    assert str(other.pk) not in _choices(page, "copied_from")
    page = operator.get(
        reverse("admin:measures_oitchecklistentry_change", args=[entry.pk])
    ).content.decode()
    assert _choices(page, "unit") == units_a


def test_a_users_memberships_show_their_unit_without_a_select_of_every_unit(operator, people):
    page = operator.get(
        reverse("admin:organisations_user_change", args=[people["staff_a"].pk])
    ).content.decode()
    assert 'name="memberships-0-unit"' not in page

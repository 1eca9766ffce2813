"""A national operator brings organisations and supervisors in from a sheet: a full preview
with Thai row/column errors, all-or-nothing confirmation, re-import updates by code."""

import io
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import Workbook

from kernel.thai import thai_digits
from organisations.access import organisations_visible_to
from organisations.bulk import ORG_COLUMNS, SUPERVISOR_COLUMNS
from organisations.models import Invitation, Membership, Organisation, OrganisationImport, User

from ..factories import make_user

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "samples"
URL = reverse("operator-import")


@pytest.fixture
def operator(client, db):
    client.force_login(make_user("operator", superuser=True))
    return client


def _csv(text, name="orgs.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def _sample(name="organisations.csv"):
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes(), content_type="text/csv")


def _confirm(client, page):
    batch = OrganisationImport.objects.get(status="preview")
    assert reverse("operator-import-confirm", kwargs={"pk": batch.pk}) in page
    return client.post(reverse("operator-import-confirm", kwargs={"pk": batch.pk}))


def test_the_sample_sheet_previews_and_imports_all_or_nothing(operator):
    response = operator.post(URL, {"sheet": _sample()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "หน่วยงานใหม่ ๓ · ปรับปรุง ๐ · ไม่เปลี่ยนแปลง ๐" in page
    assert "องค์การบริหารส่วนตำบลบ้านดู่" in page and "เพิ่มใหม่" in page
    assert not Organisation.objects.filter(code="ban-du").exists()  # a preview writes nothing

    done = _confirm(operator, page)
    assert done.status_code == 302
    ban_du = Organisation.objects.get(code="ban-du")
    assert ban_du.kind == "sao" and ban_du.short_name == "อบต.บ้านดู่"
    assert Organisation.objects.get(code="nang-lae").website == "https://nanglae.example.org"
    assert Organisation.objects.get(code="mae-sai").kind == "municipality"
    admin = User.objects.get(username="admin@bandu.example.org")
    with scopes_disabled():
        membership = Membership.objects.get(user=admin)
        assert membership.role == "org_admin"
        [record] = membership.history.all()  # who gave the role, and when
    assert record.history_user == User.objects.get(username="operator")
    assert not admin.has_usable_password()
    assert Invitation.objects.filter(user=admin, used_at=None).count() == 1
    assert OrganisationImport.objects.get().status == "applied"
    # confirming twice does nothing more
    again = operator.post(reverse("operator-import-confirm", kwargs={"pk": 1_000_000}))
    assert again.status_code == 404


def test_a_re_import_updates_by_code_and_never_duplicates(operator):
    _confirm(operator, operator.post(URL, {"sheet": _sample()}).content.decode())
    text = (SAMPLES / "organisations.csv").read_text(encoding="utf-8")
    text = text.replace("อบต.นางแล,เมืองเชียงราย", "อบต.นางแล,เมืองเชียงราย (ใหม่)")
    page = operator.post(URL, {"sheet": _csv(text)}).content.decode()
    assert "หน่วยงานใหม่ ๐ · ปรับปรุง ๑ · ไม่เปลี่ยนแปลง ๒" in page
    assert "ปรับปรุง: อำเภอ" in page
    _confirm(operator, page)
    assert Organisation.objects.filter(code__in=["ban-du", "nang-lae", "mae-sai"]).count() == 3
    assert Organisation.objects.get(code="nang-lae").district == "เมืองเชียงราย (ใหม่)"
    # the administrator is not invited twice
    assert Invitation.objects.filter(user__username="admin@bandu.example.org").count() == 1
    with scopes_disabled():
        assert Membership.objects.filter(user__username="admin@bandu.example.org").count() == 1


BAD = (
    "รหัสหน่วยงาน,ประเภท,ชื่อหน่วยงาน,ชื่อย่อ,อำเภอ,จังหวัด,เว็บไซต์,ลิงก์แบบวัด EIT,อีเมลผู้ดูแลระบบของหน่วยงาน\n"
    "ok-one,อบต.,องค์การบริหารส่วนตำบลหนึ่ง,อบต.หนึ่ง,เมือง,เชียงราย,,,\n"
    "Bad Code!,อบต.,องค์การบริหารส่วนตำบลสอง,อบต.สอง,เมือง,เชียงราย,,,\n"
    "ok-three,วัด,องค์การบริหารส่วนตำบลสาม,อบต.สาม,เมือง,เชียงราย,,,\n"
    "ok-one,อบต.,,อบต.สี่,เมือง,เชียงราย,javascript:alert(1),,ไม่ใช่อีเมล\n"
)


def test_every_error_is_shown_with_row_and_column_and_nothing_changes(operator):
    response = operator.post(URL, {"sheet": _csv(BAD)})
    page = response.content.decode()
    assert "พบข้อผิดพลาด ๖ รายการ ยังไม่ได้นำเข้าข้อมูลใด ๆ" in page
    assert "CSV · ๓" in page and "คอลัมน์ A: รหัสหน่วยงานต้องเป็นอักษรอังกฤษตัวเล็ก" in page
    assert "คอลัมน์ B: ประเภทต้องเป็น อบต. เทศบาล หรือ อบจ." in page
    assert "คอลัมน์ A: รหัสหน่วยงานซ้ำกับแถว ๒" in page
    assert "คอลัมน์ C: กรุณากรอกชื่อหน่วยงาน" in page
    assert "คอลัมน์ G: เว็บไซต์ต้องเป็นลิงก์" in page
    assert "คอลัมน์ I: อีเมลไม่ถูกต้อง" in page
    assert "ยืนยันนำเข้าทั้งหมด" not in page
    assert not OrganisationImport.objects.exists()
    assert not Organisation.objects.filter(code="ok-one").exists()


@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad"), "กรุณาบันทึกจาก Excel เป็น “CSV UTF-8”"),
        (SimpleUploadedFile("x.xlsx", b"not a zip"), "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (_csv("ชื่อ,อายุ\nก,1\n"), "ไม่พบหัวตาราง รหัสหน่วยงาน"),
    ],
)
def test_unreadable_files_are_refused_in_thai(operator, upload, message):
    page = operator.post(URL, {"sheet": upload}).content.decode()
    assert message in page and not OrganisationImport.objects.exists()


def _workbook(orgs, supervisors=(), formula=False):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "หน่วยงาน"
    sheet.append(list(ORG_COLUMNS.values()))
    for row in orgs:
        sheet.append(row)
    if formula:
        sheet["C2"] = '=CONCAT("อบต.","ก")'
    if supervisors:
        other = workbook.create_sheet("ผู้กำกับดูแล")
        other.append(list(SUPERVISOR_COLUMNS.values()))
        for row in supervisors:
            other.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("national.xlsx", buffer.getvalue())


def test_an_excel_sheet_brings_organisations_and_district_supervisors(operator):
    upload = _workbook(
        [
            ["x-one", "อบต.", "องค์การบริหารส่วนตำบลหนึ่ง", "อบต.หนึ่ง", "แม่สาย", "เชียงราย", "", "", ""],
            ["x-two", "อบจ.", "องค์การบริหารส่วนจังหวัดสอง", "อบจ.สอง", "เมือง", "พะเยา", "", "", ""],
        ],
        [["district@dla.example.org", "นายอำเภอ ทดสอบ", "ท้องถิ่นอำเภอแม่สาย", "เชียงราย", "แม่สาย"]],
    )
    page = operator.post(URL, {"sheet": upload}).content.decode()
    assert "หน่วยงานใหม่ ๒" in page and "ผู้กำกับดูแล ๑" in page
    assert "ผู้กำกับดูแล · ๒" in page  # sheet and row of the supervisor
    _confirm(operator, page)
    supervisor = User.objects.get(username="district@dla.example.org")
    assert supervisor.full_name == "นายอำเภอ ทดสอบ"
    assert [o.code for o in organisations_visible_to(supervisor)] == ["x-one"]
    assert Invitation.objects.filter(user=supervisor).count() == 1
    # the history of the new role says who brought it in
    operator_user = User.objects.get(username="operator")
    [record] = supervisor.supervisions.get().history.all()
    assert record.history_user == operator_user and record.history_type == "+"


def test_a_formula_cell_is_refused(operator):
    upload = _workbook(
        [["x-one", "อบต.", "x", "อบต.หนึ่ง", "แม่สาย", "เชียงราย", "", "", ""]], formula=True
    )
    page = operator.post(URL, {"sheet": upload}).content.decode()
    assert "แถว ๒ คอลัมน์ C: เป็นสูตร" in page and not OrganisationImport.objects.exists()


def test_the_first_administrators_invitations_go_out_in_the_background(
    transactional_db, celery_worker, smtp, client, settings
):
    settings.PORTAL_BASE_URL = "http://testserver"
    client.force_login(make_user("operator", superuser=True))
    _confirm(client, client.post(URL, {"sheet": _sample()}).content.decode())
    deadline = time.monotonic() + 30
    while len(smtp.messages) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    addresses = sorted(a for m in smtp.messages for a in m["to"])
    assert addresses == ["admin@bandu.example.org", "saraban@maesai.example.org"]
    [mail] = smtp.to("admin@bandu.example.org")
    assert "องค์การบริหารส่วนตำบลบ้านดู่" in mail["body"] and "/accounts/invitation/" in mail["body"]


def test_the_samples_download(operator):
    response = operator.get(reverse("operator-import-sample", kwargs={"name": "organisations.csv"}))
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("รหัสหน่วยงาน,ประเภท")


def _many_organisations(count):
    from organisations.bulk import ORG_COLUMNS

    lines = [",".join(ORG_COLUMNS.values())]
    for i in range(count):
        lines.append(f"bulk-{i:05d},อบต.,องค์การบริหารส่วนตำบลทดสอบ{i},อบต.ทดสอบ{i},เมือง,เชียงราย,,,")
    return "\n".join(lines) + "\n"


@pytest.fixture
def reads_take_no_table_locks(transactional_db):
    """(As in tests/measures/test_import_jobs.py: the in-memory SQLite of the tests takes
    table locks that would fail the worker's write while the test reads.)"""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")


def test_a_long_sheet_is_written_by_the_worker_and_followed_on_its_own_page(
    operator, celery_worker, reads_take_no_table_locks
):
    from organisations.bulk import INLINE_ROWS

    count = INLINE_ROWS + 20
    page = operator.post(URL, {"sheet": _csv(_many_organisations(count))}).content.decode()
    batch = OrganisationImport.objects.get(status="preview")
    response = _confirm(operator, page)
    job_url = reverse("operator-import-job", kwargs={"pk": batch.pk})
    assert response.status_code == 302 and response["Location"] == job_url
    deadline = time.monotonic() + 60
    while OrganisationImport.objects.get(pk=batch.pk).status != "applied":
        assert time.monotonic() < deadline, "the worker did not write the sheet"
        time.sleep(0.2)
    assert Organisation.objects.filter(code__startswith="bulk-").count() == count
    done = operator.get(job_url)
    assert "Refresh" not in done
    assert f"หน่วยงานใหม่ {thai_digits(count)} แห่ง" in done.content.decode()
    # confirming it again writes nothing more
    again = operator.post(reverse("operator-import-confirm", kwargs={"pk": batch.pk}))
    assert again.status_code == 302 and again["Location"] == URL
    assert Organisation.objects.filter(code__startswith="bulk-").count() == count


def test_a_running_import_reloads_its_page_and_a_lost_one_can_be_started_again(operator):
    import datetime

    from django.utils import timezone

    batch = OrganisationImport.objects.create(
        filename="long.csv",
        payload={"organisations": [], "supervisors": []},
        status=OrganisationImport.Status.APPLYING,
    )
    url = reverse("operator-import-job", kwargs={"pk": batch.pk})
    running = operator.get(url)
    assert running["Refresh"] == "3" and "กำลังนำเข้า" in running.content.decode()
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    OrganisationImport.objects.filter(pk=batch.pk).update(updated_at=long_ago)
    lost = operator.get(url)
    assert "Refresh" not in lost
    assert "งานนี้หยุดไปโดยไม่เสร็จ ข้อมูลในระบบไม่เปลี่ยนแปลง" in lost.content.decode()
    assert operator.post(url).status_code == 302
    # started again: its clock restarts (the task is queued; without a worker nothing runs)
    assert OrganisationImport.objects.get(pk=batch.pk).updated_at > long_ago


def test_a_worker_lost_half_way_leaves_nothing_written(operator, monkeypatch):
    """The batch's rows and its "applied" status commit together: an import that fails half
    way (here: after the organisations, at the supervisors) writes nothing and the batch is
    still waiting to be written."""
    from organisations import bulk

    page = operator.post(URL, {"sheet": _sample()}).content.decode()
    assert "ยืนยันนำเข้าทั้งหมด" in page
    batch = OrganisationImport.objects.get(status="preview")

    def crash(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(bulk, "_invite", crash)
    with pytest.raises(SystemExit):
        bulk.confirm(batch.pk, by=None)
    assert not Organisation.objects.filter(code="ban-du").exists()
    assert OrganisationImport.objects.get(pk=batch.pk).status == "preview"

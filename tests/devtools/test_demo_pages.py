"""Every page of every demo organisation and year renders, for the people who use it."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from assessments.models import Framework
from organisations.models import Organisation, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "username",
    ["admin", "staff-hinlekfai", "staff-robwiang", "staff-phonngam", "supervisor-chiangrai"],
)
def test_demo_pages_render(client, demo, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    with scopes_disabled():
        expected_for = {
            org.code: 200
            if username == "admin"
            or org.membership_set.filter(user=user).exists()
            or (username == "supervisor-chiangrai" and org.code == "rob-wiang")
            else 404
            for org in Organisation.objects.all()
        }
    for org in Organisation.objects.all():
        expected = expected_for[org.code]
        for framework in Framework.objects.all():
            for name in ("results", "analysis"):
                response = client.get(
                    reverse(name, kwargs={"org": org.code, "year": framework.fiscal_year})
                )
                assert response.status_code == expected, (org.code, framework, name)


def test_hin_lek_fai_analysis_reads_like_seed_001(client, demo):
    client.force_login(User.objects.get(username="exec-hinlekfai"))
    page = client.get(
        reverse("analysis", kwargs={"org": "hin-lek-fai", "year": 2568})
    ).content.decode()
    for text in (
        "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต",
        "๑๐๐.๐๐",
        "๗๗.๔๙",
        "แนวทางการยกระดับผลการประเมินฯ",
        "การวิเคราะห์ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน",
        "ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "O14 แผนการบริหารและพัฒนาทรัพยากรบุคคล",
    ):
        assert text in page, text
    results = client.get(
        reverse("results", kwargs={"org": "hin-lek-fai", "year": 2568})
    ).content.decode()
    assert "ระดับ A (ผ่าน)" in results and "๙๒.๘๙" in results
    assert "ไม่ตรงกับที่คำนวณจากข้อคำถาม (๙๗.๕๖" in results  # IIT 99.25 flagged


def test_demo_measures_rounds_and_checklists_render(client, demo):
    from devtools.demo.measures import demo_measures_load
    from measures.models import Measure, OITChecklistEntry, ProgressRound, ReportVersion

    demo_measures_load()
    with scopes_disabled():
        rob_wiang = Measure.objects.filter(organisation__code="rob-wiang", fiscal_year=2566)
        assert rob_wiang.count() == 16
        assert (
            Measure.objects.filter(
                organisation__code="hin-lek-fai", fiscal_year=2569, issues__isnull=False
            )
            .distinct()
            .count()
            == 11
        )
        phon_ngam_round = ProgressRound.objects.get(organisation__code="phon-ngam")
        assert phon_ngam_round.state == "approved" and phon_ngam_round.published
        assert [(d.user.username, d.action) for d in phon_ngam_round.decisions.all()] == [
            ("staff-phonngam", "submit"),
            ("head-phonngam", "approve"),
            ("palad-phonngam", "approve"),
            ("mayor-phonngam", "approve"),
            ("staff-phonngam", "publish"),
        ]
        approved = ReportVersion.objects.exclude(approved_at=None)
        assert approved.filter(round=phon_ngam_round).exists()
        assert (
            OITChecklistEntry.objects.filter(organisation__code="phon-ngam", status="done").count()
            == 43
        )
        rounds = {
            org: list(ProgressRound.objects.filter(organisation__code=org))
            for org in ("rob-wiang", "phon-ngam", "hin-lek-fai")
        }
    client.force_login(User.objects.get(username="admin"))
    for org, year in (("rob-wiang", 2566), ("phon-ngam", 2566), ("hin-lek-fai", 2569)):
        for name in ("year-home", "measures", "rounds", "oit-checklist", "year-history"):
            response = client.get(reverse(name, kwargs={"org": org, "year": year}))
            assert response.status_code == 200, (org, name)
        for r in rounds[org]:
            assert (
                client.get(
                    reverse("round", kwargs={"org": org, "year": year, "pk": r.pk})
                ).status_code
                == 200
            )
    page = client.get(
        reverse("measures", kwargs={"org": "hin-lek-fai", "year": 2569})
    ).content.decode()
    assert "ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ" in page
    assert "ช่วงเวลาไม่อยู่ในปีงบประมาณนี้" in page  # 001's copied FY2568 periods

"""The national synthetic data set."""

import pytest
from django_scopes import scopes_disabled

from measures.models import Measure, Progress
from organisations.models import Organisation, User

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


def test_national_generator_makes_every_table(django_assert_max_num_queries):
    from io import StringIO

    from django.core.management import call_command

    from assessments.models import Assessment, OITItemScore, QuestionScore
    from measures.models import OITChecklistEntry

    call_command(
        "generate_national", organisations=4, provinces=2, measures=3, batch=2, stdout=StringIO()
    )
    assert Organisation.objects.filter(code__startswith="nat-").count() == 4
    with scopes_disabled():  # every generated organisation's rows: the test's own look
        nat = {"organisation__code__startswith": "nat-"}
        assert Assessment.objects.filter(**nat).count() == 4 * 3
        assert Measure.objects.filter(**nat).count() == 4 * 3 * 3
        assert Progress.objects.filter(measure__organisation__code__startswith="nat-").count() == 72
        fy2568 = QuestionScore.objects.filter(assessment__framework__fiscal_year=2568)
        assert fy2568.count() == 4 * 33
        fy2566 = OITItemScore.objects.filter(assessment__framework__fiscal_year=2566)
        assert fy2566.count() == 4 * 43
        assert OITChecklistEntry.objects.filter(**nat).count() == 4 * (43 + 43 + 28)
    assert User.objects.get(username="bench-province").supervisions.get().province == ("จังหวัดที่ 01")


def test_load_test_preparation_publishes_through_the_services(tmp_path):
    """scripts/load_test.sh's accounts and published years: made through the real services
    (signers named, approval chain checked), so a rule added there cannot silently break the
    load test again."""
    import json
    from io import StringIO

    from django.core.management import call_command

    from measures.models import ProgressRound

    call_command(
        "generate_national", organisations=3, provinces=1, measures=2, batch=3,
        years=[2567, 2568], stdout=StringIO(),
    )  # fmt: skip
    out = tmp_path / "sessions.json"
    call_command(
        "load_test_prepare", staff=2, public=1, year=2568, output=str(out), stdout=StringIO()
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["org"] for s in data["staff"]] == ["nat-00000", "nat-00001"]
    assert data["public"] == [{"org": "nat-00000", "year": 2568}]
    with scopes_disabled():
        six = ProgressRound.objects.get(
            organisation__code="nat-00000", fiscal_year=2568, kind="six"
        )
        assert six.published and six.versions.exclude(approved_at=None).exists()
        twelve = ProgressRound.objects.get(pk=data["staff"][0]["round"])
        assert twelve.state == ProgressRound.State.DRAFT


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "postgresql",
    reason="PostgreSQL's planner statistics; SQLite plans without them",
)
def test_the_generated_tables_are_analysed_for_the_planner():
    """Rows loaded in bulk are analysed at once: without statistics PostgreSQL took the
    checklist tables for empty and planned the summaries' query as nested loops (minutes)."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from measures.models import OITChecklistEntry

    call_command(
        "generate_national", organisations=2, provinces=1, measures=2, batch=2, stdout=StringIO()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s",
            [OITChecklistEntry._meta.db_table],
        )
        (rows,) = cursor.fetchone()
    assert rows > 0  # -1 (never analysed) or 0 before


def test_statistics_are_gathered_as_the_tables_double_not_after_every_batch(monkeypatch):
    """ANALYZE after each of 40 batches of 200 organisations cost minutes at national scale;
    the plans only go wrong while a table is taken for nearly empty, so statistics are
    gathered when the tables have doubled since the last time, and once at the end."""
    from io import StringIO

    from django.core.management import call_command

    from devtools.management.commands import generate_national

    calls = []
    monkeypatch.setattr(generate_national, "analyse", lambda *models: calls.append(models))
    call_command(
        "generate_national", organisations=6, provinces=1, measures=1, batch=1, stdout=StringIO()
    )
    # batches filled 1..6 organisations: after 1, 2 and 4, then at the end (6)
    assert len(calls) == 4
    assert all(Organisation in models and Progress in models for models in calls)

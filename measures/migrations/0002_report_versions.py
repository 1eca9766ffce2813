"""ApprovedReport becomes ReportVersion: a report is frozen when it is submitted, signed when
it is approved, and every approved document and the public page are drawn from it.

The old rows held only part of what documents print (no checklist, no organisation details,
no evidence); they are frozen again from the data as it stands, once. The portal was a
demonstration when this changed, so nothing signed in production is rewritten.
"""

import django.db.models.deletion
from django.db import migrations, models


def refreeze(apps, schema_editor):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        _refreeze()


def _refreeze():
    from measures.models import ReportVersion
    from measures.versions import evidence_ids
    from measures.report_content import decision_content, round_content

    for version in ReportVersion.objects.select_related("round"):
        if "schema" in version.content:
            continue
        progress_round = version.round
        content = round_content(progress_round)
        decisions = progress_round.decisions.filter(
            report_version=version.report_version, action__in=["submit", "approve"]
        ).select_related("user")
        content["decisions"] = [decision_content(d) for d in decisions]
        version.content = content
        version.submitted_at = version.approved_at
        version.save()
        version.evidence.set(evidence_ids(content))


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("ApprovedReport", "ReportVersion"),
        migrations.AlterModelOptions(
            name="reportversion",
            options={
                "ordering": ["round", "-report_version"],
                "verbose_name": "ฉบับของรายงาน",
                "verbose_name_plural": "ฉบับของรายงาน",
            },
        ),
        migrations.AlterField(
            model_name="reportversion",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="versions",
                to="measures.progressround",
            ),
        ),
        migrations.AlterField(
            model_name="reportversion",
            name="report_version",
            field=models.PositiveSmallIntegerField(verbose_name="ฉบับที่"),
        ),
        migrations.AlterField(
            model_name="reportversion",
            name="approved_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="reportversion",
            name="submitted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="VersionEvidence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "evidence",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, to="measures.evidence"
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="measures.reportversion"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("version", "evidence"), name="version_evidence_once"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="reportversion",
            name="evidence",
            field=models.ManyToManyField(
                blank=True,
                related_name="versions",
                through="measures.VersionEvidence",
                to="measures.evidence",
            ),
        ),
        migrations.RunPython(refreeze, migrations.RunPython.noop),
    ]

from django.conf import settings
from django.core.management.base import BaseCommand

from assessments.demo import demo_results_load, guideline_library_load
from assessments.services import framework_load_fixtures
from measures.demo import demo_measures_load
from organisations.services import demo_organisations_load


class Command(BaseCommand):
    help = "Load the ITA frameworks and the demo organisations and accounts (safe to re-run)."

    def handle(self, *args, **options):
        frameworks = framework_load_fixtures()
        created = demo_organisations_load(password=settings.DEMO_PASSWORD)
        guidelines = guideline_library_load()
        results = demo_results_load()
        measures = demo_measures_load()
        self.stdout.write(
            f"frameworks added: {len(frameworks)}; organisations added: "
            f"{created['organisations']}; accounts added: {created['accounts']}; "
            f"library guidelines added: {guidelines}; demo assessments added: {results}; "
            f"demo measure years added: {measures}"
        )

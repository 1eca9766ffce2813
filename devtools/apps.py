from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Demo data transcribed from the seeds and the national synthetic data set: for the local
    demo, tests and benchmarks, never for a real installation's data."""

    name = "devtools"
    verbose_name = "เครื่องมือนักพัฒนา"

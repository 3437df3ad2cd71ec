from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "werkset.bench"
    verbose_name = "Benchmark"

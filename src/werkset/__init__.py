"""werkset: de Werkset Indicatoren Kwaliteit en Impact van Veiligheid Voorop als webapplicatie."""

# The Celery app is loaded with Django, so that tasks use it (Celery's Django guide).
from .conf.celery import app as celery_app

__version__ = "0.1.0"
__all__ = ["celery_app"]

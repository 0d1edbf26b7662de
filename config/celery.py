"""The Celery application: a real worker in every mode (Redis, or the embedded file broker)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping():
    """Answer 'pong': proves a message reaches a worker and its result comes back."""
    return "pong"

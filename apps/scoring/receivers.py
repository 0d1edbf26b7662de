"""Scoring reacts to changes in the apps below it, which know nothing of scoring."""
from django.dispatch import receiver

from apps.startups.signals import startup_changed, startups_imported, startups_merged, startups_unmerged
from apps.theses.selectors import active_version
from apps.theses.signals import version_published

from . import services
from .models import RescoreJob


@receiver(startup_changed)
def rescore_changed_startup(sender, startup, **kwargs):
    services.rescore_request(startup=startup)


@receiver(version_published)
def rescore_for_new_version(sender, version, previous=None, actor=None, **kwargs):
    services.rescore_job_create(kind=RescoreJob.Kind.PUBLISH, version=version, previous=previous, actor=actor)


@receiver(startups_imported)
def score_imported_startups(sender, startup_ids, actor=None, **kwargs):
    if startup_ids:
        services.rescore_job_create(kind=RescoreJob.Kind.IMPORT, version=active_version(), actor=actor, startup_ids=list(startup_ids))


@receiver(startups_merged)
def move_scoring_rows(sender, record, **kwargs):
    record.moved |= services.merge_scoring_rows(keep=record.keep, drop=record.drop)


@receiver(startups_unmerged)
def move_scoring_rows_back(sender, record, **kwargs):
    services.unmerge_scoring_rows(drop=record.drop, moved=record.moved)

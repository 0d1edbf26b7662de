"""Memos follow their startup when two startups are merged (and back when it is undone)."""
from django.db.models import Max
from django.dispatch import receiver

from apps.startups.signals import startups_merged, startups_unmerged

from .models import Memo, MemoExport


@receiver(startups_merged)
def move_memos(sender, record, **kwargs):
    keep, drop = record.keep, record.drop
    moved_memo = [] if Memo.objects.filter(startup=keep).exists() else list(Memo.objects.filter(startup=drop).values_list("pk", flat=True))
    Memo.objects.filter(pk__in=moved_memo).update(startup=keep)
    # Exports keep their files; they are numbered after keep's own, and remember their old number.
    next_number = (MemoExport.objects.filter(startup=keep).aggregate(n=Max("number"))["n"] or 0) + 1
    exports = {}
    for offset, export in enumerate(MemoExport.objects.filter(startup=drop).order_by("number")):
        exports[str(export.pk)] = export.number
        MemoExport.objects.filter(pk=export.pk).update(startup=keep, number=next_number + offset)
    record.moved |= {"memo": moved_memo, "memo_exports": exports}


@receiver(startups_unmerged)
def move_memos_back(sender, record, **kwargs):
    Memo.objects.filter(pk__in=record.moved.get("memo", [])).update(startup=record.drop)
    for pk, number in record.moved.get("memo_exports", {}).items():
        MemoExport.objects.filter(pk=int(pk)).update(startup=record.drop, number=number)

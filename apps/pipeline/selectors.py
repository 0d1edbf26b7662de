"""Reads for partner review: the scored pipeline table."""
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F, FilteredRelation, FloatField, Q, QuerySet, prefetch_related_objects
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from apps.accounts.models import User
from apps.startups.models import Startup, Tag
from apps.startups.selectors import startup_queryset, text_search
from apps.theses.models import ThesisVersion

from .models import SavedView

FIXED_SORTS = {
    "name": "name", "total": "card_total", "layer": "card_layer", "pipeline_stage": "pipeline_stage",
    "stage": "stage", "owner": "owner__username", "activity": "last_activity_at",
}


@dataclass(frozen=True)
class PipelineFilters:
    q: str = ""
    layer: str = ""
    pipeline_stage: str = ""
    stage: str = ""
    owner: int | None = None
    country: str = ""
    tag: str = ""
    min_total: float | None = None
    max_total: float | None = None
    criterion: str = ""
    min_score: float | None = None
    max_score: float | None = None
    sort: str = "-total"


def pipeline_table(*, user: User, version: ThesisVersion, filters: PipelineFilters) -> QuerySet[Startup]:
    """Visible startups with their scorecard under `version`, filtered and sorted; paged by
    PipelinePaginator in a fixed number of queries, whatever the number of startups."""
    criteria = [c.key for c in version.criteria.all() if not c.retired]
    qs = startup_queryset(user=user).annotate(
        card=FilteredRelation("scorecards", condition=Q(scorecards__thesis_version=version)),
        card_total=F("card__total"), card_layer=F("card__layer"),
        **{f"score_{key}": Cast(KeyTextTransform(key, "card__scores"), FloatField()) for key in criteria},
    )
    if filters.q:
        qs = text_search(qs, filters.q)
    exact = {"card_layer": filters.layer, "pipeline_stage": filters.pipeline_stage, "stage": filters.stage,
             "owner_id": filters.owner, "country": filters.country.upper()}
    qs = qs.filter(**{field: value for field, value in exact.items() if value})
    if filters.tag:
        qs = qs.filter(pk__in=Tag.objects.filter(name=filters.tag).values("startups"))
    if filters.min_total is not None:
        qs = qs.filter(card_total__gte=filters.min_total)
    if filters.max_total is not None:
        qs = qs.filter(card_total__lte=filters.max_total)
    if filters.criterion in criteria:
        if filters.min_score is not None:
            qs = qs.filter(**{f"score_{filters.criterion}__gte": filters.min_score})
        if filters.max_score is not None:
            qs = qs.filter(**{f"score_{filters.criterion}__lte": filters.max_score})
    key = filters.sort.lstrip("-")
    column = FIXED_SORTS.get(key) or (f"score_{key}" if key in criteria else "card_total")
    order = F(column).desc(nulls_last=True) if filters.sort.startswith("-") else F(column).asc(nulls_last=True)
    # Only the columns the table shows: sorting 20,000 joined rows is far cheaper without descriptions.
    columns = ("name", "confidential", "pipeline_stage", "stage", "country", "last_activity_at", "owner__username")
    return qs.select_related("owner").only(*columns).prefetch_related("tags").order_by(order, "pk")


class PipelinePaginator(Paginator):
    """Pages of pipeline_table() that read only the asked page's rows.

    Sorting the whole joined rows (scores, owner) of every visible startup to keep fifty made
    the table slow. Here a narrow sub-select picks the page's ids (the database keeps a bounded
    top-N of (sort value, id) pairs) and the outer query reads, filters again and orders just
    those rows. Sorted by total (the default), scored startups come in order straight from the
    scorecard_rank index (thesis version, total, startup); unscored ones sort last, by id, and
    are read only by a page that reaches them, counted from the table's end so that no count
    of scored startups is needed. Queries: the count, the page and its tags, plus one on a
    page that shows unscored startups.
    """

    def __init__(self, object_list: QuerySet[Startup], per_page: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.sort = object_list.query.order_by[0]  # pipeline_table() sorts by F(column) first, then pk

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom: int, top: int) -> list[Startup]:
        """Rows bottom..top-1 of the sorted table."""
        qs = self.object_list
        if top <= bottom:
            return []
        if self.sort.expression.name != "card_total":
            return list(qs.filter(pk__in=qs.values("pk")[bottom:top]))
        # No NULLS LAST here (a scored total is never null), so that the index order serves.
        total = F("card_total").desc() if self.sort.descending else F("card_total").asc()
        scored = qs.filter(card_total__isnull=False).order_by(total, "pk")
        rows = list(qs.prefetch_related(None).filter(pk__in=scored.values("pk")[bottom:top]))
        if len(rows) < top - bottom:
            # Unscored startups are the table's last ones, by id: the page's are those whose
            # place counted from the end falls in count - top .. count - bottom - 1.
            unscored = qs.filter(card_total__isnull=True).order_by("-pk").values("pk")[self.count - top:self.count - bottom]
            rows += qs.prefetch_related(None).filter(pk__in=unscored)
        prefetch_related_objects(rows, "tags")
        return rows


def saved_views(*, user: User) -> QuerySet[SavedView]:
    return SavedView.objects.filter(user=user)


def board_counts(*, user: User) -> dict[str, int]:
    """Visible startups per pipeline stage, in one query."""
    rows = startup_queryset(user=user).values("pipeline_stage").annotate(n=Count("pk")).values_list("pipeline_stage", "n")
    return dict(rows)


def board_cards(*, user: User, version: ThesisVersion, stage: str, limit: int = 50) -> QuerySet[Startup]:
    """One column of the board, best total first, in one query."""
    return (
        startup_queryset(user=user).filter(pipeline_stage=stage)
        .annotate(card=FilteredRelation("scorecards", condition=Q(scorecards__thesis_version=version)),
                  card_total=F("card__total"), card_layer=F("card__layer"))
        .select_related("owner").order_by(F("card_total").desc(nulls_last=True), "pk")[:limit]
    )


def compare(*, user: User, ids: list[int], version: ThesisVersion) -> list[dict]:
    """Two to four visible startups side by side: facts, layer, total, criterion scores and top reasons."""
    from apps.scoring.models import Scorecard
    from apps.scoring.selectors import localized

    startups = list(startup_queryset(user=user).filter(pk__in=ids[:4]).select_related("owner").prefetch_related("tags"))
    cards = {c.startup_id: c for c in Scorecard.objects.filter(startup__in=startups, thesis_version=version)}
    columns = []
    for startup in sorted(startups, key=lambda s: ids.index(s.pk)):
        card = cards.get(startup.pk)
        data = localized(card.data) if card else None
        criteria = {c["key"]: c | {"top": sorted(c["reasons"], key=lambda r: -abs(r.get("points", 0)))[:2]} for c in (data or {}).get("criteria", [])}
        columns.append({"startup": startup, "card": data, "criteria": criteria})
    return columns


STAGE_ORDER = ["sourced", "screening", "meeting", "diligence", "ic", "term_sheet", "invested"]


def dashboard(*, user: User, version: ThesisVersion) -> dict:
    """Funnel by stage, layer mix, score distribution and conversion by layer, in three queries."""
    from apps.startups.models import PipelineStage
    from apps.theses.models import Layer

    visible = startup_queryset(user=user).annotate(
        card=FilteredRelation("scorecards", condition=Q(scorecards__thesis_version=version)),
        card_total=F("card__total"), card_layer=F("card__layer"),
    )
    by_stage = dict(visible.values("pipeline_stage").annotate(n=Count("pk")).values_list("pipeline_stage", "n"))
    rows = list(visible.values_list("pipeline_stage", "card_layer", "card_total"))
    total = len(rows) or 1
    funnel = []
    for index, stage in enumerate(STAGE_ORDER):
        reached = sum(n for s, n in by_stage.items() if s in STAGE_ORDER[index:])
        funnel.append({"stage": stage, "label": PipelineStage(stage).label, "count": reached, "percent": round(100 * reached / total)})
    other = [{"stage": s, "label": PipelineStage(s).label, "count": by_stage.get(s, 0)} for s in ("passed", "on_hold")]
    layers = []
    for key, label in Layer.choices:
        members = [r for r in rows if r[1] == key]
        advanced = sum(1 for r in members if r[0] in STAGE_ORDER[2:])
        layers.append({"key": key, "label": label, "count": len(members), "percent": round(100 * len(members) / total),
                       "conversion": round(100 * advanced / len(members)) if members else None})
    bins = [0] * 10
    for _stage, _layer, value in rows:
        if value is not None:
            bins[min(int(value // 10), 9)] += 1
    peak = max(bins) or 1
    histogram = [{"range": f"{i * 10}–{i * 10 + 9 if i < 9 else 100}", "count": n, "height": round(100 * n / peak)} for i, n in enumerate(bins)]
    return {"funnel": funnel, "other": other, "layers": layers, "histogram": histogram, "total": len(rows)}


def ic_summary(*, startup: Startup, user: User, version: ThesisVersion) -> dict:
    """The IC page: whether the user has voted and, only then, everyone's entries with the spread
    per criterion beside the engine's score."""
    from statistics import pstdev

    from apps.scoring.models import Scorecard

    from .models import ICDecision, ICVote

    votes = list(ICVote.objects.filter(startup=startup).select_related("partner").order_by("submitted_at"))
    mine = next((vote for vote in votes if vote.partner_id == user.pk), None)
    criteria = [c for c in version.criteria.all() if not c.retired]
    summary = {"mine": mine, "count": len(votes), "criteria": criteria, "decisions": list(ICDecision.objects.filter(startup=startup).select_related("decided_by"))}
    if mine is None:
        return summary  # blind until one has submitted
    card = Scorecard.objects.filter(startup=startup, thesis_version=version).values_list("scores", flat=True).first() or {}
    rows = []
    for criterion in criteria:
        values = [vote.scores.get(criterion.key) for vote in votes if vote.scores.get(criterion.key) is not None]
        rows.append({"criterion": criterion, "engine": card.get(criterion.key), "values": [vote.scores.get(criterion.key) for vote in votes],
                     "spread": round(max(values) - min(values), 1) if values else None, "stdev": round(pstdev(values), 1) if len(values) > 1 else None})
    tally = {label: sum(1 for vote in votes if vote.vote == choice) for choice, label in ICVote._meta.get_field("vote").choices}
    return summary | {"votes": votes, "rows": rows, "tally": tally}

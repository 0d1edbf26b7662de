"""Reads of startups, always narrowed by the permission helper."""
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import visible_deals

from .models import ChangeRecord, Note, Startup, Tag, normalise_domain, normalise_name

SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
    "activity": ("last_activity_at", "id"),
    "-activity": ("-last_activity_at", "-id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
}


@dataclass(frozen=True)
class StartupFilters:
    q: str = ""
    stage: str = ""
    pipeline_stage: str = ""
    country: str = ""
    owner: int | None = None
    tag: str = ""
    sort: str = "-activity"


def startup_queryset(*, user: User) -> QuerySet[Startup]:
    """Live startups the user may see: the base of every read."""
    return visible_deals(user, Startup.objects.alive())


def deleted_startups(*, user: User) -> QuerySet[Startup]:
    """Soft-deleted startups the user may see, newest deletion first (admins restore them)."""
    return visible_deals(user, Startup.objects.filter(deleted_at__isnull=False)).select_related("owner").order_by("-deleted_at")


def text_search(qs: QuerySet[Startup], term: str) -> QuerySet[Startup]:
    """Startups whose name, one-liner, description, domain, sector or a tag contains the term."""
    term = term.strip()
    tagged = Tag.objects.filter(name__icontains=term).values("startups")
    return qs.filter(
        Q(name__icontains=term) | Q(one_liner__icontains=term) | Q(description__icontains=term)
        | Q(domain__icontains=term) | Q(sector__icontains=term) | Q(pk__in=tagged)
    )


def startup_list(*, user: User, filters: StartupFilters) -> QuerySet[Startup]:
    """The visible startups matching the filters, ready for a list page (constant queries)."""
    qs = startup_queryset(user=user)
    if filters.q:
        qs = text_search(qs, filters.q)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.pipeline_stage:
        qs = qs.filter(pipeline_stage=filters.pipeline_stage)
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    if filters.tag:
        qs = qs.filter(pk__in=Tag.objects.filter(name=filters.tag).values("startups"))
    order = SORTS.get(filters.sort, SORTS["-activity"])
    return qs.select_related("owner").prefetch_related("tags").order_by(*order)


def startup_detail_queryset(*, user: User) -> QuerySet[Startup]:
    """A queryset for one startup page: founders, tags and team in a fixed number of queries
    (its notes and history are paged: notes(), changes())."""
    return startup_queryset(user=user).select_related("owner").prefetch_related("tags", "founders", "deal_team")


def notes(*, startup: Startup) -> QuerySet[Note]:
    """The startup's notes, newest first, with their authors (to be paged)."""
    return Note.objects.filter(startup=startup).select_related("author")


def changes(*, startup: Startup) -> QuerySet[ChangeRecord]:
    """The startup's change history, newest first, with who made each change (to be paged)."""
    return ChangeRecord.objects.filter(startup=startup).select_related("actor")


def visible_duplicates(*, user: User, found: list[dict]) -> list[dict]:
    """An import check's likely duplicates ({"row", "name", "existing": id}) with the existing
    startups the user may see (a startup hidden since the check drops out)."""
    existing = startup_queryset(user=user).in_bulk([item["existing"] for item in found])
    return [item | {"existing": existing[item["existing"]]} for item in found if item["existing"] in existing]


def possible_duplicates(*, user: User, name: str, website: str, exclude_pk: int | None = None) -> list[Startup]:
    """Visible startups with the same normalised name or website domain."""
    key, domain = normalise_name(name), normalise_domain(website)
    match = (Q(name_key=key) if key else Q(pk__in=[])) | (Q(domain=domain) if domain else Q(pk__in=[]))
    return list(startup_queryset(user=user).filter(match).exclude(pk=exclude_pk).select_related("owner")[:10])


def import_duplicates(*, user: User, rows: list[tuple[int, dict]]) -> list[dict]:
    """Rows (file row number, data) of an import that look like startups already in the pipeline
    (by name or domain), in one query."""
    data = dict(rows)
    keys = {number: (normalise_name(row["name"]), normalise_domain(row.get("website", ""))) for number, row in rows}
    names = {key for key, _domain in keys.values() if key}
    domains = {domain for _key, domain in keys.values() if domain}
    existing = startup_queryset(user=user).filter(Q(name_key__in=names) | Q(domain__in=domains)).only("pk", "name", "name_key", "domain")
    by_name, by_domain = {}, {}
    for startup in existing:
        by_name.setdefault(startup.name_key, startup)
        if startup.domain:
            by_domain.setdefault(startup.domain, startup)
    found = []
    for number, (key, domain) in keys.items():
        match = by_name.get(key) or by_domain.get(domain)
        if match:
            found.append({"row": number, "name": data[number]["name"], "existing": match})
    return found


def duplicate_keys(*, user: User) -> list[tuple[str, str]]:
    """(field, key) of every group of visible startups sharing a domain or a normalised name:
    what the duplicates page pages through."""
    visible = startup_queryset(user=user)
    keys = []
    for field in ("domain", "name_key"):
        shared = visible.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).filter(n__gt=1)
        keys += [(field, key) for key in shared.order_by(field).values_list(field, flat=True)]
    return keys


def duplicate_groups(*, user: User, keys: list[tuple[str, str]]) -> list[dict]:
    """The visible startups of these groups (one page of duplicate_keys()), oldest first."""
    visible = startup_queryset(user=user)
    groups = []
    for field, label in (("domain", "domain"), ("name_key", "name")):
        wanted = [key for kind, key in keys if kind == field]
        if not wanted:
            continue
        members = visible.filter(**{f"{field}__in": wanted}).select_related("owner").order_by(field, "created_at")
        by_key: dict[str, list[Startup]] = {}
        for startup in members:
            by_key.setdefault(getattr(startup, field), []).append(startup)
        groups += [{"match": label, "key": key, "startups": startups} for key, startups in by_key.items()]
    return groups


def tag_names(*, user: User) -> list[str]:
    """Names of the tags on startups the user may see, for filters and autocomplete."""
    visible = startup_queryset(user=user).values("pk")
    return list(Tag.objects.filter(startups__in=visible).values_list("name", flat=True).distinct().order_by("name"))


def owner_choices() -> QuerySet[User]:
    """Active users who can own deals."""
    return User.objects.filter(is_active=True).order_by("username")

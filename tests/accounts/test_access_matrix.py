"""Every route × method × role against one confidential startup ("Project Falcon").

Roles: anonymous, alice (analyst on the deal team), oscar (analyst outside it), paula
(partner), ada (admin). What must hold:
- anonymous: pages redirect to the login page, the API answers 401, nothing changes;
- oscar: a route about the confidential deal (or about another user's private object)
  answers exactly as it does for an id that does not exist (404, or 405 for a wrong method),
  nothing changes, and the deal never shows in a list, search, export, partial or PDF;
- the team, partners and admins do reach the deal (so the 404s above are not broken URLs).
`test_every_route_is_in_the_matrix` fails when a route is added without a row here.
"""
import hashlib
from dataclasses import dataclass
from typing import Callable

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from apps.accounts.models import Role
from apps.accounts.services import invitation_create
from apps.memos import services as memo_services
from apps.pipeline.models import SavedView
from apps.scoring.models import RescoreJob
from apps.scoring.services import rescore_startups
from apps.startups import services as startup_services
from apps.startups.models import ExportJob, ImportJob, MergeRecord, Note
from apps.theses import services as thesis_services
from apps.theses.selectors import active_version
from tests.factories import StartupFactory, UserFactory

SECRET = "Project Falcon"
MISSING = 987654
PAGE_METHODS = ("get", "post")
API_METHODS = ("get", "post", "put", "patch", "delete")

DEAL = "deal"  # about the confidential startup: outsiders get the answer a missing id gets
PRIVATE = "private"  # another user's object (bundle, saved view, import): same rule
LIST = "list"  # lists, searches, exports, boards: outsiders get them, without the deal
ROLE = "role"  # pages that depend on the role, not on a deal
OWN = "own"  # the signed-in user's own account: may change their own rows
PUBLIC = "public"  # reachable without a login


@dataclass(frozen=True)
class Route:
    kind: str
    path: Callable[[dict], str]  # world -> path for the object (or the page)
    missing: Callable[[dict], str] | None = None  # the same route for an object that does not exist
    api: bool = False


def r(kind, path, missing=None, api=False):
    return Route(kind, path, missing, api)


S = lambda w: w["secret"].pk  # noqa: E731

MATRIX: dict[str, Route] = {
    # pages
    "": r(PUBLIC, lambda w: "/"),
    "accounts:login": r(PUBLIC, lambda w: "/accounts/login/"),
    "accounts:logout": r(OWN, lambda w: "/accounts/logout/"),
    "accounts:password_change": r(OWN, lambda w: "/accounts/password/"),
    "accounts:password_done": r(OWN, lambda w: "/accounts/password/done/"),
    "accounts:settings": r(OWN, lambda w: "/accounts/settings/"),
    "accounts:token_regenerate": r(OWN, lambda w: "/accounts/settings/token/regenerate/"),
    "accounts:token_revoke": r(OWN, lambda w: "/accounts/settings/token/revoke/"),
    "accounts:sessions_end": r(OWN, lambda w: "/accounts/settings/sessions/end/"),
    "accounts:user_list": r(ROLE, lambda w: "/accounts/users/"),
    "accounts:user_update": r(ROLE, lambda w: f"/accounts/users/{w['alice'].pk}/"),
    "accounts:user_unlock": r(ROLE, lambda w: f"/accounts/users/{w['alice'].pk}/unlock/"),
    "accounts:invitation_accept": r(PUBLIC, lambda w: f"/accounts/invitations/{w['invitation_token']}/"),
    "set_language": r(PUBLIC, lambda w: "/i18n/setlang/"),
    "healthz": r(PUBLIC, lambda w: "/healthz"),
    "startups:list": r(LIST, lambda w: "/startups/?q=Falcon"),
    "startups:create": r(ROLE, lambda w: "/startups/new/"),
    "startups:export": r(LIST, lambda w: "/startups/export.csv"),
    "startups:export_job": r(PRIVATE, lambda w: f"/startups/exports/{w['export_job'].pk}/", lambda w: f"/startups/exports/{MISSING}/"),
    "startups:export_download": r(PRIVATE, lambda w: f"/startups/exports/{w['export_job'].pk}/download/", lambda w: f"/startups/exports/{MISSING}/download/"),
    "startups:detail": r(DEAL, lambda w: f"/startups/{S(w)}/", lambda w: f"/startups/{MISSING}/"),
    "startups:edit": r(DEAL, lambda w: f"/startups/{S(w)}/edit/", lambda w: f"/startups/{MISSING}/edit/"),
    "startups:note_create": r(DEAL, lambda w: f"/startups/{S(w)}/notes/", lambda w: f"/startups/{MISSING}/notes/"),
    "startups:delete": r(DEAL, lambda w: f"/startups/{S(w)}/delete/", lambda w: f"/startups/{MISSING}/delete/"),
    "startups:trash": r(ROLE, lambda w: "/startups/deleted/"),
    "startups:duplicates": r(LIST, lambda w: "/startups/duplicates/"),
    "startups:merge": r(ROLE, lambda w: "/startups/merge/"),
    "startups:merge_undo": r(DEAL, lambda w: f"/startups/merges/{w['merge'].pk}/undo/", lambda w: f"/startups/merges/{MISSING}/undo/"),
    "startups:import_start": r(ROLE, lambda w: "/startups/import/"),
    "startups:import": r(PRIVATE, lambda w: f"/startups/import/{w['import_job'].pk}/", lambda w: f"/startups/import/{MISSING}/"),
    "startups:restore": r(DEAL, lambda w: f"/startups/{w['deleted'].pk}/restore/", lambda w: f"/startups/{MISSING}/restore/"),
    "scoring:screen": r(ROLE, lambda w: "/screen/"),
    "scoring:screen_save": r(ROLE, lambda w: "/screen/save/"),
    "scoring:scorecard": r(DEAL, lambda w: f"/startups/{S(w)}/scorecard/", lambda w: f"/startups/{MISSING}/scorecard/"),
    "scoring:evidence": r(DEAL, lambda w: f"/startups/{S(w)}/evidence/", lambda w: f"/startups/{MISSING}/evidence/"),
    "scoring:layer": r(DEAL, lambda w: f"/startups/{S(w)}/layer/", lambda w: f"/startups/{MISSING}/layer/"),
    "scoring:version_preview": r(ROLE, lambda w: f"/theses/versions/{w['draft'].pk}/preview/"),
    "scoring:version_job": r(LIST, lambda w: f"/theses/versions/{w['job'].thesis_version_id}/job/"),
    "scoring:version_whatif": r(ROLE, lambda w: f"/theses/versions/{w['draft'].pk}/whatif/"),
    "scoring:job": r(PRIVATE, lambda w: f"/jobs/{w['job'].pk}/", lambda w: f"/jobs/{MISSING}/"),
    "memos:edit": r(DEAL, lambda w: f"/startups/{S(w)}/memo/", lambda w: f"/startups/{MISSING}/memo/"),
    "memos:preview": r(DEAL, lambda w: f"/startups/{S(w)}/memo/preview/", lambda w: f"/startups/{MISSING}/memo/preview/"),
    "memos:pdf": r(DEAL, lambda w: f"/startups/{S(w)}/memo.pdf", lambda w: f"/startups/{MISSING}/memo.pdf"),
    "memos:export": r(DEAL, lambda w: f"/startups/{S(w)}/memo/exports/", lambda w: f"/startups/{MISSING}/memo/exports/"),
    "memos:export_download": r(DEAL, lambda w: f"/startups/{S(w)}/memo/exports/1.pdf", lambda w: f"/startups/{MISSING}/memo/exports/1.pdf"),
    "memos:bundle_create": r(ROLE, lambda w: "/memos/bundles/"),
    "memos:bundle": r(PRIVATE, lambda w: f"/memos/bundles/{w['bundle'].pk}/", lambda w: f"/memos/bundles/{MISSING}/"),
    "memos:bundle_download": r(PRIVATE, lambda w: f"/memos/bundles/{w['bundle'].pk}/download/", lambda w: f"/memos/bundles/{MISSING}/download/"),
    "theses:list": r(ROLE, lambda w: "/theses/"),
    "theses:version": r(ROLE, lambda w: f"/theses/versions/{w['draft'].pk}/"),
    "theses:draft_create": r(ROLE, lambda w: f"/theses/versions/{w['job'].thesis_version_id}/draft/"),
    "theses:criterion_add": r(ROLE, lambda w: f"/theses/versions/{w['draft'].pk}/criteria/"),
    "theses:publish": r(ROLE, lambda w: f"/theses/versions/{w['draft'].pk}/publish/"),
    "theses:discard": r(ROLE, lambda w: f"/theses/versions/{w['draft'].pk}/discard/"),
    "pipeline:table": r(LIST, lambda w: "/pipeline/?q=Falcon"),
    "pipeline:board": r(LIST, lambda w: "/pipeline/board/"),
    "pipeline:dashboard": r(LIST, lambda w: "/pipeline/dashboard/"),
    "pipeline:compare": r(LIST, lambda w: f"/pipeline/compare/?startups={S(w)}&startups={w['open'].pk}"),
    "pipeline:column": r(LIST, lambda w: "/pipeline/board/ic/"),
    "pipeline:move": r(DEAL, lambda w: f"/pipeline/startups/{S(w)}/stage/", lambda w: f"/pipeline/startups/{MISSING}/stage/"),
    "pipeline:ic": r(DEAL, lambda w: f"/pipeline/startups/{S(w)}/ic/", lambda w: f"/pipeline/startups/{MISSING}/ic/"),
    "pipeline:ic_decide": r(DEAL, lambda w: f"/pipeline/startups/{S(w)}/ic/decision/", lambda w: f"/pipeline/startups/{MISSING}/ic/decision/"),
    "pipeline:view_create": r(OWN, lambda w: "/pipeline/views/"),
    "pipeline:view_delete": r(PRIVATE, lambda w: f"/pipeline/views/{w['saved_view'].pk}/delete/", lambda w: f"/pipeline/views/{MISSING}/delete/"),
    # API
    "api-screen": r(ROLE, lambda w: "/api/v1/screen/", api=True),
    "api-scorecard": r(DEAL, lambda w: f"/api/v1/startups/{S(w)}/scorecard/", lambda w: f"/api/v1/startups/{MISSING}/scorecard/", api=True),
    "api-job": r(PRIVATE, lambda w: f"/api/v1/jobs/{w['job'].pk}/", lambda w: f"/api/v1/jobs/{MISSING}/", api=True),
    "api-memo-pdf": r(DEAL, lambda w: f"/api/v1/startups/{S(w)}/memo.pdf", lambda w: f"/api/v1/startups/{MISSING}/memo.pdf", api=True),
    "startup-list": r(LIST, lambda w: "/api/v1/startups/?q=Falcon", api=True),
    "startup-detail": r(DEAL, lambda w: f"/api/v1/startups/{S(w)}/", lambda w: f"/api/v1/startups/{MISSING}/", api=True),
    "thesis-list": r(ROLE, lambda w: "/api/v1/theses/", api=True),
    "thesis-detail": r(ROLE, lambda w: f"/api/v1/theses/{w['draft'].thesis_id}/", api=True),
    "thesis-versions": r(ROLE, lambda w: f"/api/v1/theses/{w['draft'].thesis_id}/versions/", api=True),
    "schema": r(ROLE, lambda w: "/api/schema/", api=True),
    "api-docs": r(ROLE, lambda w: "/api/docs/"),  # a page for people: anonymous goes to the login
    "api-not-found": r(PUBLIC, lambda w: "/api/v1/nothing-here/", api=True),
    # Django's admin: staff only, and nothing about deals is registered there.
    "admin": r(ROLE, lambda w: "/admin/"),
}

# Routes whose pattern has no name, keyed as above.
UNNAMED = {"": "", "^api/": "api-not-found"}


def route_names() -> set[str]:
    names = set()

    def walk(resolver: URLResolver, namespace: str):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    names.add("admin")
                    continue
                walk(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern):
                names.add(f"{namespace}{pattern.name}" if pattern.name else UNNAMED[str(pattern.pattern)])

    walk(get_resolver(), "")
    return names


def test_every_route_is_in_the_matrix():
    assert route_names() == set(MATRIX), "add the new route to MATRIX with its kind"


def fingerprint() -> str:
    """A hash of every row the app keeps (sessions and login-attempt records aside)."""
    skip = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog", "authtoken.token"}
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.label_lower in skip or not model._meta.managed:
            continue
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture
def world(db, committed, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.RATE_LIMITS = {scope: "100000/m" for scope in settings.RATE_LIMITS}
    cache.clear()
    alice = UserFactory(username="alice", role=Role.ANALYST)
    oscar = UserFactory(username="oscar", role=Role.ANALYST)
    paula = UserFactory(username="paula", role=Role.PARTNER)
    ada = UserFactory(username="ada", role=Role.ADMIN)
    olivia = UserFactory(username="olivia", role=Role.ANALYST)
    secret = StartupFactory(owner=olivia, name=SECRET, one_liner="Falcon builds its own model", confidential=True, deal_team=[alice])
    twin = StartupFactory(owner=olivia, name=f"{SECRET} duplicate", confidential=True, deal_team=[alice])
    deleted = StartupFactory(owner=olivia, name=f"{SECRET} old", confidential=True, deal_team=[alice])
    open_deal = StartupFactory(owner=alice, name="Open Harbor")
    with committed():
        rescore_startups(startup_ids=[secret.pk, open_deal.pk], version=active_version())
        memo_services.memo_save(actor=alice, startup=secret, body="Falcon memo body", version=0, lang="en")
        memo_services.memo_export(actor=alice, startup=secret, lang="en")
        bundle = memo_services.bundle_create(actor=alice, startup_ids=[secret.pk], lang="en")
        merge = startup_services.startup_merge(actor=olivia, keep=secret, drop=twin)
        startup_services.startup_soft_delete(actor=ada, startup=deleted)
        Note.objects.create(startup=secret, author=alice, body="Falcon note")
        draft = thesis_services.draft_create(actor=paula, based_on=active_version())
        _, url = invitation_create(actor=ada, email="new@example.com", role=Role.ANALYST, accept_url_template="/accounts/invitations/TOKEN/")
    job = RescoreJob.objects.create(kind=RescoreJob.Kind.IMPORT, thesis_version=active_version(), total=2, done=2, status=RescoreJob.Status.DONE, created_by=alice)
    import_job = ImportJob.objects.create(filename="deals.csv", created_by=alice, file="imports/deals.csv")
    export_job = ExportJob.objects.create(format="xlsx", language="en", created_by=alice, status=ExportJob.Status.DONE, file="exports/deals.xlsx")
    saved_view = SavedView.objects.create(user=alice, name="Mine", query="layer=ai_application")
    for user in (alice, oscar, paula, ada):
        Token.objects.create(user=user)
    return {
        "alice": alice, "oscar": oscar, "paula": paula, "ada": ada, "secret": secret, "open": open_deal,
        "deleted": deleted, "bundle": bundle, "merge": merge, "draft": draft, "job": job, "import_job": import_job, "export_job": export_job,
        "saved_view": saved_view, "invitation_token": url.rsplit("/", 2)[-2],
    }


def call(client, method, path, api):
    kwargs = {"content_type": "application/json", "data": "{}"} if method in ("post", "put", "patch") else {}
    if method == "post" and not api:
        kwargs = {"data": {}}
    return getattr(client, method)(path, **kwargs)


def client_for(user, api):
    client = Client()
    if user is not None:
        if api:
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
        else:
            user.refresh_from_db()  # a sessions_end earlier in the run raised the session epoch
            client.force_login(user)
    return client


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode("utf-8", "replace")


def methods(route: Route):
    return API_METHODS if route.api else PAGE_METHODS


def leaks(response) -> bool:
    text = body(response)
    return SECRET in text or "builds its own model" in text


def test_anonymous_is_sent_to_login_and_changes_nothing(world):
    problems = []
    for name, route in sorted(MATRIX.items()):
        path = route.path(world)
        before = fingerprint()
        for method in methods(route):
            response = call(Client(), method, path, route.api)
            status, location = response.status_code, response.get("Location", "")
            if route.kind == PUBLIC:
                ok = status < 500
            elif route.api:
                ok = status == 401 and (name == "schema" or response["Content-Type"].startswith("application/json"))
            else:
                ok = status == 302 and location.startswith(("/accounts/login/", "/admin/login/"))
            if not ok or leaks(response):
                problems.append((name, method, status, location))
        if fingerprint() != before:
            problems.append((name, "changed the database"))
    assert problems == []


def test_outsider_sees_nothing_and_changes_nothing(world):
    problems = []
    for name, route in sorted(MATRIX.items()):
        if route.kind == PUBLIC:
            continue
        path = route.path(world)
        oscar = client_for(world["oscar"], route.api)  # signing in writes last_login: before the fingerprint
        before = fingerprint()
        for method in methods(route):
            response = call(oscar, method, path, route.api)
            status = response.status_code
            if status >= 500 or leaks(response):
                problems.append((name, method, status, "leak or error"))
            if method == "get" and not route.api:  # the htmx partial of the same page
                partial = oscar.get(path, HTTP_HX_REQUEST="true")
                if partial.status_code >= 500 or leaks(partial) or partial.status_code != status:
                    problems.append((name, "htmx get", partial.status_code, "partial differs, leaks or fails"))
            if route.kind in (DEAL, PRIVATE):
                missing = call(oscar, method, route.missing(world), route.api)
                if (status, response["Content-Type"]) != (missing.status_code, missing["Content-Type"]):
                    problems.append((name, method, status, f"differs from a missing id ({missing.status_code})"))
                elif route.kind == DEAL and status not in (404, 405):
                    problems.append((name, method, status, "not 404"))
            elif route.kind == LIST and method == "get" and status != 200:
                problems.append((name, method, status, "list not served"))
        if route.kind != OWN and fingerprint() != before:
            problems.append((name, "changed the database"))
    assert problems == []


@pytest.mark.parametrize("who", ["alice", "paula", "ada"])
def test_the_team_partners_and_admins_reach_the_deal(world, who):
    """The same URLs answer the people who may see the deal: the outsiders' 404s are not broken links."""
    problems = []
    for name, route in sorted(MATRIX.items()):
        if route.kind != DEAL or (name == "startups:restore" and who != "ada"):
            continue
        path = route.path(world)
        client = client_for(world[who], route.api)
        status = {}
        for method in methods(route):
            with transaction.atomic():  # each call sees the world as built (a delete is undone)
                status[method] = call(client, method, path, route.api).status_code
                transaction.set_rollback(True)
        if 404 in status.values() or any(code >= 500 for code in status.values()):
            problems.append((name, status))
    assert problems == []


@pytest.mark.parametrize("api", [False, True])
def test_searches_and_exports_never_show_the_deal_to_an_outsider(world, api):
    oscar = client_for(world["oscar"], api)
    paths = (
        ["/api/v1/startups/", "/api/v1/startups/?q=Falcon", "/api/v1/startups/?page_size=200"] if api else
        ["/startups/?q=Falcon", "/startups/?q=falcon&sort=name", "/startups/export.csv?q=Falcon", "/startups/export.xlsx",
         "/pipeline/?q=Falcon", "/pipeline/board/", "/pipeline/board/sourced/", "/pipeline/dashboard/",
         f"/pipeline/compare/?startups={world['secret'].pk}", "/startups/duplicates/"]
    )
    for path in paths:
        response = oscar.get(path, HTTP_HX_REQUEST="true") if "pipeline" in path else oscar.get(path)
        assert response.status_code == 200, path
        if path.endswith(".xlsx"):
            import io

            import openpyxl

            sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
            response.content = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row).encode()
        assert not leaks(response), path
    # The team sees what the outsider does not (the searches above can find it).
    alice = client_for(world["alice"], api)
    assert leaks(alice.get("/api/v1/startups/?q=Falcon" if api else "/startups/?q=Falcon"))


def test_outsider_posting_hidden_ids_creates_nothing(world):
    oscar = client_for(world["oscar"], api=False)
    before = fingerprint()
    secret = world["secret"].pk
    oscar.post("/memos/bundles/", {"startups": [secret]})
    oscar.post("/startups/merge/", {"keep": world["open"].pk, "drop": secret})
    oscar.post(f"/pipeline/startups/{secret}/stage/", {"to_stage": "screening"})
    oscar.post("/pipeline/views/", {"name": "x", "query": f"q=Falcon&startups={secret}"})
    assert fingerprint() != before  # the saved view is the outsider's own row...
    from apps.memos.models import MemoBundle

    assert not MemoBundle.objects.filter(created_by=world["oscar"]).exists()  # ...but no bundle of hidden memos
    assert world["secret"].__class__.objects.get(pk=secret).pipeline_stage == world["secret"].pipeline_stage


# --- Write rows: who may change who owns and who sees a deal, and who may merge it ----------
# On olivia's open deal and on her confidential one (alice on its team): the owner, partners and
# admins may change owner, confidentiality and deal team; no other analyst, team member or not.
# A merge needs the right to edit and to manage access on both sides: the owner of both, or an admin.
ACCESS_ROLES = ("olivia", "alice", "oscar", "paula", "ada")
MAY_MANAGE_ACCESS = {"olivia", "paula", "ada"}
MAY_MERGE = {"olivia", "ada"}
ACCESS_CHANGES = {  # each a real change: taking the deal (the owner gives it away), flipping it, joining its team
    "owner": lambda w, who: {"owner": w["oscar" if who == "olivia" else who].pk},
    "confidential": lambda w, who: {"confidential": not w["deal"].confidential},
    "deal_team": lambda w, who: {"deal_team": sorted({w[who].pk, w["oscar"].pk})},
}


def _access_state(deal):
    deal.refresh_from_db()
    return deal.owner_id, deal.confidential, sorted(deal.deal_team.values_list("pk", flat=True))


@pytest.fixture(params=["open", "confidential"])
def access_world(request, db):
    users = {name: UserFactory(username=name, role=Role.PARTNER if name == "paula" else Role.ADMIN if name == "ada" else Role.ANALYST)
             for name in ACCESS_ROLES}
    deal = StartupFactory(owner=users["olivia"], name="Olivia's deal", confidential=request.param == "confidential", deal_team=[users["alice"]])
    mine = {name: StartupFactory(owner=user, name=f"{name}'s own deal", confidential=True) for name, user in users.items()}
    return users | {"deal": deal, "mine": mine, "kind": request.param}


def _sees(w, who) -> bool:
    return w["kind"] == "open" or who in ("olivia", "alice", "paula", "ada")


@pytest.mark.parametrize("who", ACCESS_ROLES)
@pytest.mark.parametrize("change", sorted(ACCESS_CHANGES))
def test_who_may_change_owner_confidentiality_and_team_through_the_api(access_world, who, change):
    w = access_world
    client = client_for(w[who], api=True)
    before = _access_state(w["deal"])
    body = ACCESS_CHANGES[change](w, who) | {"version": w["deal"].version}
    response = client.patch(f"/api/v1/startups/{w['deal'].pk}/", data=body, content_type="application/json")
    if not _sees(w, who):
        assert response.status_code == 404 and _access_state(w["deal"]) == before
    elif who in MAY_MANAGE_ACCESS:
        assert response.status_code == 200, response.content
        assert _access_state(w["deal"]) != before
    else:
        assert response.status_code == 403 and _access_state(w["deal"]) == before


@pytest.mark.parametrize("who", ACCESS_ROLES)
def test_who_may_change_owner_confidentiality_and_team_in_the_edit_form(access_world, who):
    """The form shows the access fields disabled to those who may not change them, and a forged
    post changes nothing; partners, who may not edit profiles, do not get the form."""
    w = access_world
    deal = w["deal"]
    client = client_for(w[who], api=False)
    page = client.get(f"/startups/{deal.pk}/edit/")
    before = _access_state(deal)
    form = {"name": deal.name, "website": "", "one_liner": "", "description": "", "country": "KR", "stage": "seed",
            "pipeline_stage": "sourced", "sector": "", "tags": "", "round_size": "", "pre_money_valuation": "", "currency": "",
            "source": "", "version": deal.version, "owner": w[who].pk, "confidential": "" if deal.confidential else "on",
            "deal_team": [w[who].pk], "founders-TOTAL_FORMS": "0", "founders-INITIAL_FORMS": "0",
            "founders-MIN_NUM_FORMS": "0", "founders-MAX_NUM_FORMS": "20"}
    response = client.post(f"/startups/{deal.pk}/edit/", form)
    if not _sees(w, who):
        assert (page.status_code, response.status_code) == (404, 404)
    elif who == "paula":
        assert (page.status_code, response.status_code) == (403, 403)
    else:
        assert page.status_code == 200 and response.status_code == 302, response.content.decode()[:500]
        html = page.content.decode()
        locked = 'name="owner" disabled' in html or ('name="owner"' in html and "disabled" in html.split('name="owner"')[1].split(">")[0])
        assert locked is (who not in MAY_MANAGE_ACCESS)
    changed = _access_state(deal) != before
    assert changed is (who in MAY_MANAGE_ACCESS and who != "paula")


@pytest.mark.parametrize("who", ACCESS_ROLES)
def test_who_may_merge(access_world, who):
    """Merging someone's deal into one's own makes it vanish for its audience: it needs edit and
    access rights on both sides."""
    w = access_world
    deal, own = w["deal"], w["mine"][who]
    client = client_for(w[who], api=False)
    response = client.post("/startups/merge/", {"keep": own.pk, "drop": deal.pk})
    deal.refresh_from_db()
    if not _sees(w, who):
        assert response.status_code == 404
    elif who in MAY_MERGE:
        assert response.status_code == 302 and deal.deleted_at is not None
        return
    else:
        assert response.status_code == 403
    assert deal.deleted_at is None and not MergeRecord.objects.exists()


def test_the_service_refuses_too(access_world):
    """Whatever the path (a script, a future view), the services apply the same rules."""
    from django.core.exceptions import PermissionDenied as Denied

    w = access_world
    deal = w["deal"]
    with pytest.raises(Denied):
        startup_services.startup_update(actor=w["alice"], startup=deal, version=deal.version, data={"owner": w["alice"]})
    with pytest.raises(Denied):
        startup_services.startup_merge(actor=w["alice"], keep=w["mine"]["alice"], drop=deal)
    assert _access_state(deal)[0] == w["olivia"].pk and not MergeRecord.objects.exists()

"""Bulk reads and writes for rescoring many startups: a few queries per chunk, never one per row.

PostgreSQL gets COPY into a temporary table and one INSERT … ON CONFLICT (Django's
bulk_update builds a CASE per row and field and is far too slow at 100k rows; see
ENVIRONMENT.md). SQLite, the embedded default, gets the same upsert through executemany.
"""
from collections import defaultdict

import orjson

from django.db import connection

from apps.startups.models import Startup

from . import engine
from .models import EvidenceAnswer, LayerDecision, Scorecard, ScoreHistory

PROFILE_FIELDS = ("id", "name", "one_liner", "description", "website", "country", "stage")
CARD_COLUMNS = (
    "startup_id", "thesis_version_id", "engine_version", "layer", "layer_source", "total", "coverage", "scores", "data",
    "computed_at",
)
HISTORY_COLUMNS = ("startup_id", "thesis_version_id", "computed_at", "layer", "total", "scores")
JSON_COLUMNS = {"scores", "data"}


def read_inputs(startup_ids: list[int]) -> list[tuple[int, engine.Profile, dict, str | None]]:
    """(id, profile, answers, layer override) for the live startups among the ids, in 3 queries."""
    answers = defaultdict(dict)
    for startup_id, key, value, justification in EvidenceAnswer.objects.filter(startup_id__in=startup_ids).values_list(
        "startup_id", "question_key", "value", "justification"
    ):
        answers[startup_id][key] = engine.Answer(value, justification)
    layers = dict(LayerDecision.objects.filter(startup_id__in=startup_ids).values_list("startup_id", "layer"))
    rows = Startup.objects.alive().filter(id__in=startup_ids).order_by("id").values_list(*PROFILE_FIELDS)
    return [
        (row[0], engine.Profile(*row[1:]), answers.get(row[0], {}), layers.get(row[0]))
        for row in rows
    ]


def previous_scores(startup_ids: list[int]) -> dict[int, tuple]:
    """startup id -> (version id, layer, total, scores) of its newest scorecard, in one query."""
    latest: dict[int, tuple] = {}
    cards = Scorecard.objects.filter(startup_id__in=startup_ids).order_by("computed_at")
    for startup_id, version_id, layer, total, scores in cards.values_list("startup_id", "thesis_version_id", "layer", "total", "scores"):
        latest[startup_id] = (version_id, layer, total, scores)
    return latest


def language_neutral(card: dict) -> dict:
    """The scorecard as stored: reasons without their worded text, which localize() renders
    on read in the reader's language from each reason's msg and params (a quarter less to write).
    Strips `card` in place: it is the fresh dict of `Scorecard.to_dict()`."""
    for reason in card["layer"]["reasons"]:
        del reason["text"]
    for criterion in card["criteria"]:
        for reason in criterion["reasons"]:
            del reason["text"]
    return card


def _as_db_value(column: str, value):
    # orjson: the scorecard JSON is the largest cost of a write after the engine itself.
    return orjson.dumps(value).decode() if column in JSON_COLUMNS else value


def write_scorecards(rows: list[tuple]) -> None:
    """Upsert scorecards (CARD_COLUMNS order); a row only replaces one computed from older inputs."""
    if not rows:
        return
    table = Scorecard._meta.db_table
    updates = ", ".join(f"{col} = excluded.{col}" for col in CARD_COLUMNS[2:])
    upsert = (
        f"INSERT INTO {table} ({', '.join(CARD_COLUMNS)}) {{source}} "
        f"ON CONFLICT (startup_id, thesis_version_id) DO UPDATE SET {updates} "
        f"WHERE {table}.computed_at <= excluded.computed_at"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS scorecard_stage (startup_id bigint, thesis_version_id bigint, "
                "engine_version varchar(20), layer varchar(20), layer_source varchar(10), total double precision, "
                "coverage double precision, scores jsonb, data text, computed_at timestamptz) ON COMMIT DELETE ROWS"
            )
            _copy(cursor, "scorecard_stage", CARD_COLUMNS, rows)
            cursor.execute(upsert.format(source=f"SELECT {', '.join(CARD_COLUMNS)} FROM scorecard_stage"))
            cursor.execute("TRUNCATE scorecard_stage")
    else:
        placeholders = ", ".join(["%s"] * len(CARD_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                upsert.format(source=f"VALUES ({placeholders})"),
                [[_as_db_value(col, value) for col, value in zip(CARD_COLUMNS, row)] for row in rows],
            )


def write_history(rows: list[tuple]) -> None:
    """Append score-history points (HISTORY_COLUMNS order)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            _copy(cursor, ScoreHistory._meta.db_table, HISTORY_COLUMNS, rows)
    else:
        ScoreHistory.objects.bulk_create(ScoreHistory(**dict(zip(HISTORY_COLUMNS, row))) for row in rows)


def _copy(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    # psycopg 3: COPY through the raw connection; JSON goes as text and PostgreSQL casts it.
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_as_db_value(col, value) for col, value in zip(columns, row)])

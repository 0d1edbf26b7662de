"""Two people save the same startup at the same moment: one wins, the other gets a conflict,
and neither's text is lost (the loser keeps theirs in the form / the 409)."""
import threading

import pytest
from django.db import connection, connections

from apps.startups.models import Startup
from apps.startups.services import StaleVersionError, startup_update
from tests.conftest import need
from tests.factories import StartupFactory, UserFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_edits_end_in_one_conflict():
    need(connection.vendor == "postgresql", "PostgreSQL is not configured (set DATABASE_URL)")
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    startup = StartupFactory(owner=alice, description="original")
    barrier = threading.Barrier(2)
    outcomes = {}

    def edit(user, text):
        try:
            barrier.wait()
            startup_update(actor=user, startup=startup, version=1, data={"description": text})
            outcomes[user.username] = "saved"
        except StaleVersionError as error:
            outcomes[user.username] = ("conflict", error.current.description)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(alice, "Alice's paragraph")), threading.Thread(target=edit, args=(bob, "Bob's paragraph"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(o if isinstance(o, str) else o[0] for o in outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    loser_outcome = next(outcome for outcome in outcomes.values() if outcome != "saved")
    saved = Startup.objects.get(pk=startup.pk)
    assert saved.version == 2 and saved.description == f"{winner.capitalize()}'s paragraph"
    assert loser_outcome[1] == saved.description  # the loser is shown what was saved instead

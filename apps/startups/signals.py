"""Events other apps react to (scoring rescores); startups itself knows nothing of them."""
from django.dispatch import Signal

# Sent inside the saving transaction with `startup`, after its profile was created or changed.
startup_changed = Signal()

# Sent inside the import transaction with `startup_ids`, the startups an import created.
startups_imported = Signal()

"""Events other apps react to (scoring rescores); startups itself knows nothing of them."""
from django.dispatch import Signal

# Sent inside the saving transaction with `startup`, after its profile was created or changed.
startup_changed = Signal()

# Sent inside the import transaction with `startup_ids`, the startups an import created, and `actor`, who imported them.
startups_imported = Signal()

# Sent inside the merge transaction with `record` (a MergeRecord): apps above startups move
# their rows from record.drop to record.keep and note what they moved in record.moved.
startups_merged = Signal()
# Sent inside the undo transaction with `record`: move back exactly what record.moved lists.
startups_unmerged = Signal()

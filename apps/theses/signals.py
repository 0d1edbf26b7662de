"""Events other apps react to (scoring rescores); theses itself knows nothing of them."""
from django.dispatch import Signal

# Sent inside the publishing transaction with `version` (the newly active ThesisVersion),
# `previous` (the version it replaced, or None) and `actor`.
version_published = Signal()

"""Bounds on input that the database does not enforce by itself.

PostgreSQL stores a TextField of any length, and a CharField longer than its column is a
DataError (a 500). Forms and serializers check `max_length` first; services check again
here, so a value that reaches them by another path (a script, a view without a form) gets
the same clear error instead of a row that slows every page showing it.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def check_text_lengths(model, values: dict) -> None:
    """Refuse every text value longer than the `max_length` of its field on `model`."""
    errors = {}
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit is not None and len(value) > limit:
            errors[name] = ValidationError(
                _("Ensure this value has at most %(limit_value)d characters (it has %(show_value)d)."),
                code="max_length", params={"limit_value": limit, "show_value": len(value)},
            )
    if errors:
        raise ValidationError(errors)

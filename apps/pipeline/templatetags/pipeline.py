from django import template

register = template.Library()


@register.simple_tag
def sort_query(base: str, current: str, key: str) -> str:
    """The table's query string sorted by `key`: descending first, a second click flips it."""
    direction = key if current == f"-{key}" else f"-{key}"
    return f"{base}&sort={direction}" if base else f"sort={direction}"


@register.simple_tag
def sort_mark(current: str, key: str) -> str:
    return "↓" if current == f"-{key}" else "↑" if current == key else ""


@register.filter
def get_field(form, key):
    """The IC form's score field for a criterion key."""
    return form[f"score_{key}"]

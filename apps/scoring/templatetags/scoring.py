from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or the key itself when missing."""
    return mapping.get(key, key) if mapping else key


@register.filter
def criterion_label(key, labels):
    return labels.get(key, key.replace("_", " ")) if labels else key


@register.filter
def percent(value):
    """0.8 -> '80%'."""
    try:
        return f"{number_format(round(float(value) * 100))}%"
    except (TypeError, ValueError):
        return ""

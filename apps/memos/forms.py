from django import forms
from django.utils.translation import gettext_lazy as _


class MemoForm(forms.Form):
    body = forms.CharField(label=_("Memo (Markdown)"), widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true"}), max_length=100_000, strip=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class BundleForm(forms.Form):
    startups = forms.TypedMultipleChoiceField(coerce=int, choices=(), error_messages={"required": _("Select at least one startup.")})

    def __init__(self, *args, startup_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startups"].choices = [(pk, pk) for pk in startup_ids]

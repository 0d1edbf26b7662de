from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Criterion, Direction, LayerFit

CriterionFormSet = forms.modelformset_factory(
    Criterion, fields=["label_en", "label_ko", "help_en", "help_ko", "weight", "retired"], extra=0,
    widgets={"help_en": forms.Textarea(attrs={"rows": 2}), "help_ko": forms.Textarea(attrs={"rows": 2}),
             "weight": forms.NumberInput(attrs={"type": "range", "step": "1", "min": "0", "max": "100"})},
)
LayerFitFormSet = forms.modelformset_factory(
    LayerFit, fields=["multiplier"], extra=0,
    widgets={"multiplier": forms.NumberInput(attrs={"type": "range", "step": "0.05", "min": "0", "max": "2"})},
)


class DraftForm(forms.Form):
    note = forms.CharField(label=_("Change note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Why this version: what changed in the market or in the fund's view."))


def clean_draft(criteria_formset) -> list[str]:
    """Errors that span the whole draft: at least one active criterion with weight."""
    active = [f.cleaned_data for f in criteria_formset.forms if f.cleaned_data and not f.cleaned_data.get("retired")]
    if not active or sum(row.get("weight") or 0 for row in active) <= 0:
        return [str(_("Keep at least one active criterion with a weight above zero."))]
    return []


class NewCriterionForm(forms.Form):
    """A fund's own criterion: scored from up to three yes/no questions through a points table."""

    key = forms.SlugField(label=_("Key"), max_length=40, help_text=_("Lower-case letters, digits and _, e.g. esg_risk."))
    label_en = forms.CharField(label=_("Label (English)"), max_length=100)
    label_ko = forms.CharField(label=_("Label (Korean)"), max_length=100, required=False)
    help_en = forms.CharField(label=_("Help (English)"), max_length=1000, required=False)
    help_ko = forms.CharField(label=_("Help (Korean)"), max_length=1000, required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    weight = forms.FloatField(label=_("Weight"), min_value=0, max_value=100, initial=10)

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        for n in (1, 2, 3):
            self.fields[f"q{n}_en"] = forms.CharField(label=_("Question %(n)s (English)") % {"n": n}, max_length=300, required=n == 1)
            self.fields[f"q{n}_ko"] = forms.CharField(label=_("Question %(n)s (Korean)") % {"n": n}, max_length=300, required=False)
            self.fields[f"q{n}_yes"] = forms.FloatField(label=_("Points for yes"), initial=30, min_value=-100, max_value=100, required=False)
            self.fields[f"q{n}_no"] = forms.FloatField(label=_("Points for no"), initial=-10, min_value=-100, max_value=100, required=False)

    def clean_key(self):
        key = self.cleaned_data["key"].lower().replace("-", "_")
        if not key[0].isalpha() or not key.isascii():
            raise forms.ValidationError(_("Start with a letter; use lower-case letters, digits and _."))
        if self.version and self.version.criteria.filter(key=key).exists():
            raise forms.ValidationError(_("This thesis already has a criterion with that key."))
        return key

    def criterion_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("key", "label_en", "label_ko", "help_en", "help_ko", "direction", "weight")}

    def questions(self) -> list[dict]:
        key = self.cleaned_data["key"]
        return [
            {
                "key": f"{key}_q{n}", "label_en": self.cleaned_data[f"q{n}_en"], "label_ko": self.cleaned_data[f"q{n}_ko"],
                "points": {"yes": self.cleaned_data[f"q{n}_yes"] or 0.0, "no": self.cleaned_data[f"q{n}_no"] or 0.0},
            }
            for n in (1, 2, 3)
            if self.cleaned_data.get(f"q{n}_en")
        ]

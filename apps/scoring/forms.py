from django import forms
from django.utils.translation import gettext_lazy as _

from apps.startups.models import FundingStage
from apps.theses.models import Layer

from .models import AnswerValue


class EvidenceForm(forms.Form):
    """One answer and justification field per evidence question of the active thesis."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            for row in group["rows"]:
                key = row["question"].key
                answer = row["answer"]
                self.fields[f"q_{key}"] = forms.ChoiceField(
                    label=row["question"].label, required=False,
                    choices=[("", _("Not answered (use the text)")), *AnswerValue.choices],
                    initial=answer.value if answer else "",
                )
                self.fields[f"j_{key}"] = forms.CharField(
                    label=_("Justification"), required=False, max_length=2000, initial=answer.justification if answer else "",
                )
                row["field"], row["justification"] = self[f"q_{key}"], self[f"j_{key}"]

    def answers(self) -> dict[str, tuple[str, str]]:
        """question key -> (value, justification), '' value meaning no answer."""
        return {
            row["question"].key: (self.cleaned_data[f"q_{row['question'].key}"], self.cleaned_data[f"j_{row['question'].key}"].strip())
            for group in self.groups
            for row in group["rows"]
        }


class LayerForm(forms.Form):
    layer = forms.ChoiceField(label=_("Layer"), required=False, choices=[("", _("Use the engine's suggestion")), *Layer.choices])


class ScreenForm(forms.Form):
    name = forms.CharField(label=_("Company name"), max_length=200)
    one_liner = forms.CharField(label=_("One-liner"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Write-up"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paste the analyst's write-up, in English or Korean."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=200)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    stage = forms.ChoiceField(label=_("Funding stage"), required=False, choices=[("", "—"), *FundingStage.choices])

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and not (len(country) == 2 and country.isalpha() and country.isascii()):
            raise forms.ValidationError(_("Use a two-letter ISO 3166 code, e.g. KR."))
        return country

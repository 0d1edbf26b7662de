from django import forms
from django.utils.translation import gettext_lazy as _

from apps.startups.models import FundingStage, PipelineStage
from apps.startups.selectors import owner_choices
from apps.theses.models import Layer

from .models import Vote
from .selectors import PipelineFilters


class PipelineFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    layer = forms.ChoiceField(label=_("Layer"), required=False, choices=[("", _("Any layer")), *Layer.choices])
    pipeline_stage = forms.ChoiceField(label=_("Pipeline stage"), required=False, choices=[("", _("Any pipeline stage")), *PipelineStage.choices])
    stage = forms.ChoiceField(label=_("Funding stage"), required=False, choices=[("", _("Any funding stage")), *FundingStage.choices])
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)
    min_total = forms.FloatField(label=_("Total from"), required=False, min_value=0, max_value=100)
    max_total = forms.FloatField(label=_("Total to"), required=False, min_value=0, max_value=100)
    criterion = forms.ChoiceField(label=_("Criterion"), required=False)
    min_score = forms.FloatField(label=_("Score from"), required=False, min_value=0, max_value=100)
    max_score = forms.FloatField(label=_("Score to"), required=False, min_value=0, max_value=100)
    sort = forms.CharField(required=False, max_length=60)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Any owner"))] + [(u.pk, u.username) for u in owner_choices()]
        self.fields["criterion"].choices = [("", _("Any criterion"))] + [(c.key, c.label) for c in criteria]

    def filters(self) -> PipelineFilters:
        """Valid filters only: a mistyped one is ignored, the table still shows."""
        self.is_valid()
        data = {key: value for key, value in self.cleaned_data.items() if key not in self.errors and value not in ("", None)}
        return PipelineFilters(**data)


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name this view"), max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)


class StageMoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=PipelineStage.choices, error_messages={"required": _("Choose a pipeline stage."), "invalid_choice": _("Choose a pipeline stage.")})
    reason = forms.CharField(required=False, max_length=2000)


class ICVoteForm(forms.Form):
    vote = forms.ChoiceField(label=_("Vote"), choices=Vote.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.key}"] = forms.IntegerField(label=criterion.label, min_value=0, max_value=100, help_text=criterion.help)

    def scores(self) -> dict[str, int]:
        return {c.key: self.cleaned_data[f"score_{c.key}"] for c in self.criteria}


class ICDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Vote.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.permissions import MANAGE_ACCESS, can

from .models import Founder, FundingStage, PipelineStage, StageTransition, Startup
from .imports import TARGETS
from .selectors import SORTS, StartupFilters, owner_choices

PROFILE_FIELDS = [
    "name", "website", "one_liner", "description", "country", "stage", "pipeline_stage", "sector",
    "round_size", "pre_money_valuation", "currency", "source", "owner", "confidential", "deal_team",
]


class StartupForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=200)
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separate tags with commas."), max_length=1000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    stage_reason = forms.CharField(
        label=_("Reason for the stage change"), required=False, max_length=StageTransition._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Some stages need one (e.g. Passed)."),
    )

    access_locked = False  # on an existing deal: the user may not change owner, confidentiality or team

    class Meta:
        model = Startup
        fields = PROFILE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "deal_team": forms.CheckboxSelectMultiple,
            "country": forms.TextInput(attrs={"placeholder": "KR", "size": 2, "autocapitalize": "characters"}),
            "currency": forms.TextInput(attrs={"placeholder": "KRW", "size": 3, "autocapitalize": "characters"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        users = owner_choices()
        self.fields["owner"].queryset = users
        self.fields["owner"].required = False
        self.fields["deal_team"].queryset = users
        if self.instance.pk:
            self.fields["tags"].initial = ", ".join(tag.name for tag in self.instance.tags.all())
            self.fields["version"].initial = self.instance.version
            # Disabled fields keep their current value whatever is posted; the service refuses too.
            self.access_locked = not can(user, MANAGE_ACCESS, self.instance)
            for name in ("owner", "confidential", "deal_team"):
                self.fields[name].disabled = self.access_locked

    def clean_country(self):
        return self.cleaned_data["country"].strip().upper()

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()

    def hide_required_errors(self) -> None:
        """While the user is still filling the form in, flag bad values, not empty fields."""
        for name in list(self.errors):
            kept = [error for error in self.errors[name].as_data() if error.code != "required"]
            if kept:
                self.errors[name] = self.error_class(kept)
            else:
                del self.errors[name]

    def profile_data(self) -> dict:
        """The validated values in the shape the services take."""
        data = {field: self.cleaned_data[field] for field in PROFILE_FIELDS}
        data["deal_team"] = list(data["deal_team"])
        if data["owner"] is None:
            del data["owner"]  # keep the current owner (or the creator, on create)
        data["tags"] = [name for name in self.cleaned_data["tags"].split(",") if name.strip()]
        return data


class FounderForm(forms.ModelForm):
    profile_url = forms.URLField(label=_("Profile URL"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Founder
        fields = ["name", "role", "profile_url"]


FounderFormSet = forms.formset_factory(FounderForm, extra=1, can_delete=True, max_num=20, validate_max=True)


def founders_from(formset) -> list[dict]:
    """Founder rows the user kept, in order."""
    return [
        {key: form.cleaned_data[key] for key in ("name", "role", "profile_url")}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("name")
    ]


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)


class StartupFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    stage = forms.ChoiceField(label=_("Funding stage"), required=False, choices=[("", _("Any funding stage")), *FundingStage.choices])
    pipeline_stage = forms.ChoiceField(
        label=_("Pipeline stage"), required=False, choices=[("", _("Any pipeline stage")), *PipelineStage.choices]
    )
    country = forms.RegexField(r"^[A-Za-z]{0,2}$", label=_("Country"), required=False, max_length=2)
    # Any id is a valid filter (an unknown owner just matches nothing); the select lists the users.
    owner = forms.IntegerField(label=_("Owner"), required=False, min_value=1, max_value=2**63 - 1, widget=forms.Select)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].widget.choices = [("", _("Any owner"))] + [(u.pk, u.username) for u in owner_choices()]

    def filters(self) -> StartupFilters:
        """Valid filters, ignoring any the user mistyped (a list should never fail)."""
        if self.is_valid():
            data = {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}
        else:
            data = {key: value for key, value in self.cleaned_data.items() if key not in self.errors and value not in ("", None)}
        return StartupFilters(**data)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file"), help_text=_("UTF-8 or Korean Excel (CP949/EUC-KR) CSV, or .xlsx; first row is the header."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class ImportMappingForm(forms.Form):
    """One select per column of the file: which startup field it fills, if any."""

    def __init__(self, *args, header, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— skip —"))] + [(target, Startup._meta.get_field(target).verbose_name if target != "tags" else _("tags")) for target in TARGETS]
        for index, title in enumerate(header):
            self.fields[f"col_{index}"] = forms.ChoiceField(label=title or f"#{index + 1}", choices=choices, required=False, initial=mapping.get(str(index), ""))

    def clean(self):
        cleaned = super().clean()
        chosen = [value for value in cleaned.values() if value]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Map each field from one column only."))
        if "name" not in chosen:
            raise forms.ValidationError(_("Map a column to the name field."))
        return cleaned

    def mapping(self) -> dict[int, str]:
        return {int(name.removeprefix("col_")): value for name, value in self.cleaned_data.items() if value}

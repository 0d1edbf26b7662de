"""API v1 for scoring: instant screening and startup scorecards (shape fixed by DESIGN.md)."""
from django.utils.translation import gettext_lazy as _
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api import StrictStrings
from apps.accounts.permissions import can_see_job, get_deal_or_404
from apps.accounts.security import log_event
from apps.startups.models import FundingStage
from apps.startups.selectors import startup_queryset
from apps.theses.models import Layer
from apps.theses.selectors import active_version, version_spec

from . import engine, selectors
from .models import RescoreJob


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    evidence = serializers.CharField(allow_blank=True)
    source = serializers.ChoiceField(choices=["text", "answer"])
    points = serializers.FloatField()
    field = serializers.CharField(required=False, help_text="Profile field the evidence was found in (source text).")
    start = serializers.IntegerField(required=False)
    end = serializers.IntegerField(required=False)


class LayerResultSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=Layer.values)
    confidence = serializers.FloatField()
    source = serializers.ChoiceField(choices=["suggested", "analyst"])
    reasons = ReasonSerializer(many=True)


class CriterionScoreSerializer(serializers.Serializer):
    key = serializers.CharField()
    score = serializers.FloatField(min_value=0, max_value=100)
    confidence = serializers.FloatField()
    direction = serializers.ChoiceField(choices=["higher_is_better", "higher_is_worse"])
    reasons = ReasonSerializer(many=True)


class ThesisRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    version = serializers.IntegerField()


class ScorecardSerializer(serializers.Serializer):
    """Documents the scorecard shape; the engine builds the data."""

    thesis = ThesisRefSerializer()
    engine_version = serializers.CharField()
    layer = LayerResultSerializer(allow_null=True)
    criteria = CriterionScoreSerializer(many=True)
    total = serializers.FloatField(allow_null=True)
    coverage = serializers.FloatField(allow_null=True)


class StartupScorecardSerializer(ScorecardSerializer):
    status = serializers.ChoiceField(choices=["current", "pending", "stale", "failed"])
    computed_at = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(required=False)


class ScreenRequestSerializer(StrictStrings, serializers.Serializer):
    name = serializers.CharField(max_length=200)
    one_liner = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    website = serializers.URLField(required=False, allow_blank=True, default="")
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, allow_blank=True, default="")
    stage = serializers.ChoiceField(choices=FundingStage.values, required=False, allow_blank=True, default="")
    evidence = serializers.DictField(
        child=serializers.CharField(max_length=10), required=False, default=dict,
        help_text=_("Answers keyed by question key, e.g. {\"dm_proprietary_data\": \"yes\"}."),
    )

    def validate_evidence(self, value):
        questions = {q.key: q for c in version_spec(active_version()).criteria for q in c.questions}
        errors = {}
        for key, answer in value.items():
            if key not in questions:
                errors[key] = _("Unknown question key.")
            elif answer not in questions[key].options:
                errors[key] = _("Answer one of: %(options)s.") % {"options": ", ".join(questions[key].options)}
        if errors:
            raise serializers.ValidationError(errors)
        return value


class ScreenView(APIView):
    @extend_schema(request=ScreenRequestSerializer, responses={200: ScorecardSerializer})
    def post(self, request):
        """Score a posted profile against the active thesis; nothing is stored."""
        serializer = ScreenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        answers = {key: engine.Answer(value) for key, value in data.pop("evidence").items()}
        data["country"] = data["country"].upper()
        card = engine.score(engine.Profile(**data), answers, version_spec(active_version()), lang=selectors.ui_language())
        return Response(card.to_dict())


class ScorecardView(APIView):
    @extend_schema(responses={200: StartupScorecardSerializer})
    def get(self, request, pk):
        """The startup's scorecard under the active thesis, with its status."""
        startup = get_deal_or_404(request.user, startup_queryset(user=request.user), pk)
        return Response(selectors.scorecard_payload(startup=startup))


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = RescoreJob
        fields = ["id", "kind", "status", "total", "done", "failed", "started_at", "finished_at"]


class JobView(APIView):
    @extend_schema(responses={200: JobSerializer})
    def get(self, request, pk):
        """A background rescoring job's progress: visible to whoever started it, and to admins."""
        job = get_object_or_404(RescoreJob, pk=pk)
        if not can_see_job(request.user, job):
            log_event("denied", obj=job, reason="not_visible")
            raise Http404
        return Response(JobSerializer(job).data)

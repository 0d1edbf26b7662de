"""API v1 for theses and their versions (read only)."""
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.accounts.permissions import can_edit_thesis

from .models import Criterion, LayerFit, Question, Thesis, ThesisVersion
from .selectors import version_queryset


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["key", "label_en", "label_ko", "options", "points"]


class CriterionSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True)

    class Meta:
        model = Criterion
        fields = ["key", "label_en", "label_ko", "help_en", "help_ko", "direction", "weight", "builtin", "retired", "questions"]


class LayerFitSerializer(serializers.ModelSerializer):
    class Meta:
        model = LayerFit
        fields = ["layer", "multiplier", "label_en", "label_ko"]


class ThesisVersionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="number")
    criteria = CriterionSerializer(many=True)
    layer_fits = LayerFitSerializer(many=True)

    class Meta:
        model = ThesisVersion
        fields = ["id", "version", "status", "note", "created_at", "published_at", "criteria", "layer_fits"]


class ThesisSerializer(serializers.ModelSerializer):
    active_version = serializers.SerializerMethodField()

    class Meta:
        model = Thesis
        fields = ["id", "name", "created_at", "active_version"]

    def get_active_version(self, thesis) -> int | None:
        published = [v.number for v in thesis.versions.all() if v.status == ThesisVersion.Status.PUBLISHED]
        return published[0] if published else None


class ThesisViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ThesisSerializer
    queryset = Thesis.objects.prefetch_related("versions").order_by("id")
    lookup_value_regex = r"[0-9]+"

    @extend_schema(responses={200: ThesisVersionSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def versions(self, request, pk=None):
        """The thesis's versions, newest first; drafts only for partners and admins."""
        versions = version_queryset().filter(thesis=self.get_object()).order_by("-number")
        if not can_edit_thesis(request.user):
            versions = versions.exclude(status=ThesisVersion.Status.DRAFT)
        return Response(ThesisVersionSerializer(versions, many=True).data)

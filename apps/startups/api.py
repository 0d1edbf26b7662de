"""The public API v1 for startups (shape fixed by DESIGN.md)."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.pagination import PageNumberPagination

from apps.accounts.models import User
from apps.accounts.permissions import DELETE, EDIT, can_create_deal, get_deal_or_404

from . import selectors, services
from .forms import StartupFilterForm
from .models import Founder, Startup


class StartupPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This startup was changed by someone else. Reload it and apply your change again.")
    default_code = "conflict"


class FounderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Founder
        fields = ["name", "role", "profile_url"]


class UpperCaseCharField(serializers.CharField):
    """Accepts `kr` for `KR`: codes are upper-cased before the model's format check."""

    def to_internal_value(self, data):
        return super().to_internal_value(data).upper()


class TagListField(serializers.ListField):
    """Tags travel as a list of names."""

    child = serializers.CharField(max_length=50)

    def to_representation(self, data):
        return [tag.name for tag in data.all()]


class StartupSerializer(serializers.ModelSerializer):
    tags = TagListField(required=False, max_length=50)
    founders = FounderSerializer(many=True, required=False, max_length=20)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False)
    deal_team = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    version = serializers.IntegerField(
        min_value=1, required=False, help_text=_("Send back the version you read; a stale one gets 409.")
    )

    class Meta:
        model = Startup
        fields = [
            "id", "created_at", "updated_at", "version", "name", "website", "domain", "one_liner", "description",
            "country", "stage", "pipeline_stage", "sector", "tags", "round_size", "pre_money_valuation", "currency",
            "source", "founders", "owner", "confidential", "deal_team",
        ]
        read_only_fields = ["id", "created_at", "updated_at", "domain"]

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if field_name in ("country", "currency"):
            field_class = UpperCaseCharField
        return field_class, field_kwargs

    def validate(self, attrs):
        if self.instance is not None and "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Send back the version you read.")]})
        return attrs



def _api_queryset(request):
    return selectors.startup_detail_queryset(user=request.user)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Text search"),
            OpenApiParameter("stage", str),
            OpenApiParameter("pipeline_stage", str),
            OpenApiParameter("country", str),
            OpenApiParameter("owner", int),
            OpenApiParameter("tag", str),
        ]
    )
)
class StartupViewSet(viewsets.ModelViewSet):
    serializer_class = StartupSerializer
    pagination_class = StartupPagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if self.action == "list":
            filters = StartupFilterForm(self.request.query_params).filters()
            return selectors.startup_list(user=self.request.user, filters=filters).prefetch_related("founders", "deal_team")
        return _api_queryset(self.request)

    def get_object(self):
        action = {"update": EDIT, "partial_update": EDIT, "destroy": DELETE}.get(self.action, "view")
        return get_deal_or_404(self.request.user, self.get_queryset(), self.kwargs["pk"], action)

    def perform_create(self, serializer):
        if not can_create_deal(self.request.user):
            raise PermissionDenied
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.startup_create(actor=self.request.user, data=data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version")
        try:
            services.startup_update(actor=self.request.user, startup=serializer.instance, version=version, data=data)
        except services.StaleVersionError:
            raise Conflict from None
        serializer.instance = _api_queryset(self.request).get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        services.startup_soft_delete(actor=self.request.user, startup=instance)

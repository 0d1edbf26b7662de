"""The public API v1 for startups (shape fixed by DESIGN.md)."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination

from apps.accounts.api import StrictStrings
from apps.accounts.models import User
from apps.accounts.permissions import DELETE, can_create_deal, get_deal_or_404
from apps.accounts.security import searching

from . import selectors, services, stages
from .forms import StartupFilterForm
from .models import Founder, FundingStage, PipelineStage, StageTransition, Startup
from .selectors import SORTS

MAX_DEAL_TEAM = 50


class StartupPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        """A page_size that is not a whole number from 1 to 200 is a 400, not silently the default."""
        if self.page_size_query_param in request.query_params:
            field = serializers.IntegerField(min_value=1, max_value=self.max_page_size)
            try:
                return field.run_validation(request.query_params[self.page_size_query_param])
            except serializers.ValidationError as error:
                raise ValidationError({self.page_size_query_param: error.detail}) from None
        return self.page_size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] |= {"minimum": 1, "maximum": self.max_page_size}
            if parameter["name"] == self.page_query_param:
                parameter["schema"] |= {"minimum": 1}
        return parameters


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This startup was changed by someone else. Reload it and apply your change again.")
    default_code = "conflict"


class StageGateClosed(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stage_gate"

    def __init__(self, closed: stages.GateClosed):
        super().__init__({"detail": closed.message, "missing": closed.missing})


GATE_ERROR = OpenApiResponse(
    inline_serializer("StageGateError", {"detail": serializers.CharField(), "missing": serializers.ListField(child=serializers.CharField(), required=False)}),
    description="The stale version (only `detail`), or the pipeline stage's gate is not met: `missing` lists what it needs.",
)


class FounderSerializer(StrictStrings, serializers.ModelSerializer):
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


class StartupSerializer(StrictStrings, serializers.ModelSerializer):
    tags = TagListField(required=False, max_length=50)
    founders = FounderSerializer(many=True, required=False, max_length=20)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False)
    deal_team = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    version = serializers.IntegerField(
        min_value=1, required=False, help_text=_("Send back the version you read; a stale one gets 409.")
    )
    stage_reason = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=StageTransition._meta.get_field("reason").max_length,
        help_text=_("Why the pipeline stage changes; some stages need one (a gate that is not met gets 409)."),
    )

    class Meta:
        model = Startup
        fields = [
            "id", "created_at", "updated_at", "version", "name", "website", "domain", "one_liner", "description",
            "country", "stage", "pipeline_stage", "sector", "tags", "round_size", "pre_money_valuation", "currency",
            "source", "founders", "owner", "confidential", "deal_team", "stage_reason",
        ]
        read_only_fields = ["id", "created_at", "updated_at", "domain"]

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if field_name in ("country", "currency"):
            field_class = UpperCaseCharField
        return field_class, field_kwargs

    def to_internal_value(self, data):
        # Each id of the team is looked up on its own: bound the list before DRF does that.
        if isinstance(data, dict) and isinstance(data.get("deal_team"), list) and len(data["deal_team"]) > MAX_DEAL_TEAM:
            raise ValidationError({"deal_team": [_("Ensure this list has at most %(max)s people.") % {"max": MAX_DEAL_TEAM}]})
        return super().to_internal_value(data)

    def validate(self, attrs):
        if self.instance is not None and "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Send back the version you read.")]})
        return attrs


class StartupUpdateSerializer(StartupSerializer):
    """PUT and PATCH: the same fields, and the version read is required (optimistic locking)."""

    version = serializers.IntegerField(min_value=1, help_text=_("Send back the version you read; a stale one gets 409."))



def _api_queryset(request):
    return selectors.startup_detail_queryset(user=request.user)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Text search", pattern=r"^[^\x00]{0,200}$"),
            OpenApiParameter("stage", str, enum=["", *FundingStage.values], description="Empty: any"),
            OpenApiParameter("pipeline_stage", str, enum=["", *PipelineStage.values], description="Empty: any"),
            OpenApiParameter("country", str, description="ISO 3166 alpha-2 code", pattern=r"^[A-Za-z]{0,2}$"),
            OpenApiParameter("owner", {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}, description="User id"),
            OpenApiParameter("tag", str, pattern=r"^[^\x00]{0,50}$"),
            OpenApiParameter("sort", str, enum=["", *SORTS], description="Empty: most recent activity first"),
        ],
        description="Startups the caller may see, newest activity first; an invalid filter is a 400.",
    ),
    create=extend_schema(
        description="Create a startup. A `pipeline_stage` with a gate (e.g. `ic`) must meet it, or the answer is 409 naming what is missing.",
        responses={201: StartupSerializer, 409: GATE_ERROR},
    ),
    update=extend_schema(
        description="Replace a startup; send back the `version` you read (409 when stale, or when the new stage's gate is not met).",
        responses={200: StartupSerializer, 409: GATE_ERROR},
    ),
    partial_update=extend_schema(
        description="Change some fields; send back the `version` you read (409 when stale, or when the new stage's gate is not met). "
        "Owner, confidentiality and deal team change only by the owner, partners and admins (403 otherwise).",
        responses={200: StartupSerializer, 409: GATE_ERROR},
    ),
)
class StartupViewSet(viewsets.ModelViewSet):
    serializer_class = StartupSerializer
    pagination_class = StartupPagination
    lookup_value_regex = r"[0-9]+"
    rate_limit_scope = "search"

    def rate_limit_when(self, request):
        return self.action == "list" and searching(request)

    def get_queryset(self):
        if self.action == "list":
            filters = StartupFilterForm(self.request.query_params).filters()
            return selectors.startup_list(user=self.request.user, filters=filters).prefetch_related("founders", "deal_team")
        return _api_queryset(self.request)

    def get_serializer_class(self):
        return StartupUpdateSerializer if self.action in ("update", "partial_update") else StartupSerializer

    def list(self, request, *args, **kwargs):
        form = StartupFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return super().list(request, *args, **kwargs)

    def get_object(self):
        # Updates are judged field by field in the service (profile: edit; owner, confidentiality
        # and team: manage access; stage: move), so here the deal only has to be visible.
        action = {"destroy": DELETE}.get(self.action, "view")
        return get_deal_or_404(self.request.user, self.get_queryset(), self.kwargs["pk"], action)

    def perform_create(self, serializer):
        if not can_create_deal(self.request.user):
            raise PermissionDenied
        data = dict(serializer.validated_data)
        data.pop("version", None)
        reason = data.pop("stage_reason", "")
        try:
            serializer.instance = services.startup_create(actor=self.request.user, data=data, stage_reason=reason)
        except stages.GateClosed as closed:
            raise StageGateClosed(closed) from None

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version")
        reason = data.pop("stage_reason", "")
        try:
            services.startup_update(actor=self.request.user, startup=serializer.instance, version=version, data=data, stage_reason=reason)
        except services.StaleVersionError:
            raise Conflict from None
        except stages.GateClosed as closed:
            raise StageGateClosed(closed) from None
        # Not narrowed to what the caller sees: an owner who hands a confidential deal to someone
        # else gets the row they just wrote, even though they will not see it from now on.
        serializer.instance = Startup.objects.select_related("owner").prefetch_related("tags", "founders", "deal_team").get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        services.startup_soft_delete(actor=self.request.user, startup=instance)

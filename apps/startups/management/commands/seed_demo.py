from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts.models import Role, User
from apps.accounts.services import user_set_role
from apps.startups import stages
from apps.startups.models import PipelineStage, StageTransition, Startup
from apps.startups.services import note_create, startup_create

from .demo_startups import DEMO_STARTUPS

DEMO_USERS = [
    ("analyst", "demo-analyst", Role.ANALYST),
    ("partner", "demo-partner", Role.PARTNER),
    ("admin", "demo-admin", Role.ADMIN),
]


class Command(BaseCommand):
    help = "Create the demo users and pipeline (idempotent: existing data is left alone)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = {}
        for username, password, role in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(username=username, email=f"{username}@example.com", password=password)
                user_set_role(user=user, role=role)
            users[role] = user
        if Startup.objects.exists():
            self.stdout.write("Demo pipeline already present; nothing to add.")
            return
        analyst, partner = users[Role.ANALYST], users[Role.PARTNER]
        for index, row in enumerate(DEMO_STARTUPS):
            (name, website, country, stage, pipeline, sector, tags, (currency, amount), one_liner, description,
             founders, confidential) = row
            # Demo deals stand for a pipeline that went through its gates before the app: one in a
            # gated stage (IC, Passed…) is created in the first stage and placed there with a
            # logged transition, since a new startup cannot meet a gate yet.
            gated = bool(stages.gate(pipeline))
            startup = startup_create(
                actor=analyst,
                data={
                    "name": name, "website": website, "country": country, "stage": stage,
                    "pipeline_stage": PipelineStage.SOURCED if gated else pipeline,
                    "sector": sector, "tags": tags, "currency": currency, "round_size": Decimal(amount),
                    "pre_money_valuation": Decimal(amount * 4), "one_liner": one_liner, "description": description,
                    "source": "Demo", "confidential": confidential, "deal_team": [analyst] if confidential else [],
                    "founders": [{"name": founder, "role": role, "profile_url": ""} for founder, role in founders],
                },
            )
            if gated:
                Startup.objects.filter(pk=startup.pk).update(pipeline_stage=pipeline)
                StageTransition.objects.create(startup=startup, from_stage=PipelineStage.SOURCED, to_stage=pipeline, actor=partner, reason="Demo")
            if index % 4 == 0:
                note_create(actor=partner, startup=startup, body="Worth a first call. / 첫 미팅을 잡아 봅시다.")
        self.stdout.write(self.style.SUCCESS(f"Demo pipeline: {len(DEMO_STARTUPS)} startups."))

import factory

from apps.accounts.models import Role, User
from apps.accounts.services import user_set_role
from apps.startups.models import Founder, Note, Startup


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("pw-for-tests-1")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create:
            user_set_role(user=user, role=extracted or Role.ANALYST)


class StartupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Startup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Startup {n}")
    website = factory.LazyAttribute(lambda s: f"https://www.{s.name.lower().replace(' ', '')}.example/")
    domain = factory.LazyAttribute(lambda s: f"{s.name.lower().replace(' ', '')}.example")
    one_liner = "AI assistant for accountants"
    description = "Builds an assistant that reconciles ledgers."
    country = "KR"
    stage = "seed"
    owner = factory.SubFactory(UserFactory)

    @factory.post_generation
    def deal_team(startup, create, extracted, **kwargs):
        if create and extracted:
            startup.deal_team.set(extracted)


class FounderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Founder

    startup = factory.SubFactory(StartupFactory)
    name = factory.Sequence(lambda n: f"Founder {n}")
    role = "CEO"


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    startup = factory.SubFactory(StartupFactory)
    author = factory.SubFactory(UserFactory)
    body = "First call went well."

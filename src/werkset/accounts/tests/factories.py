from datetime import timedelta

import factory
from django.utils import timezone

from werkset.accounts.models import User

TEST_PASSWORD = "een-lang-testwachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation (not accepted, expiring in a week), as a stored row."""

    class Meta:
        model = "accounts.Invitation"

    email = factory.Sequence(lambda n: f"genodigde{n}@example.nl")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Genodigde {n}")
    role = "rapporteur"
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

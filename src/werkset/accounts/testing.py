"""Log-ins for tests and the benchmark that have already passed the second step."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .selectors import second_step_for_user, two_factor_device
from .services import totp_key_new


def force_login_verified(client: Client, user: User) -> Client:
    """force_login, plus a connected authenticator app where the role requires one, and the
    session marked as verified, as after a real second step."""
    client.force_login(user)
    if second_step_for_user(user=user):
        device = two_factor_device(user=user) or TOTPDevice.objects.create(
            user=user, name="werkset", key=totp_key_new(), confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.pop("werkset_second_step", None)
        session.save()
    return client

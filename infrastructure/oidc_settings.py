"""The settings for signing in with the council's identity provider (OpenID Connect), read from the
environment. Nothing here is secret in itself except the client secret, which is never logged or shown.

* ``COMMUNITY_TRIGGER_OIDC_ISSUER``: the provider's issuer URL (for Microsoft Entra ID
  ``https://login.microsoftonline.com/<tenant id>/v2.0``); its discovery document is read from
  ``<issuer>/.well-known/openid-configuration``. Unset: no provider sign-in.
* ``COMMUNITY_TRIGGER_OIDC_CLIENT_ID``, ``COMMUNITY_TRIGGER_OIDC_CLIENT_SECRET``: the app registration's.
* ``COMMUNITY_TRIGGER_OIDC_REDIRECT_BASE``: the back office's public address (``https://ct.council.gov.uk``),
  so the redirect URI is ``<base>/sign-in/provider/callback`` whatever proxy is in front; unset, the address
  the request came in on.
* ``COMMUNITY_TRIGGER_LOCAL_PASSWORDS``: ``on`` (the default) or ``off``; off removes the password form and
  refuses password sign-in (only with a provider configured).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ISSUER = "COMMUNITY_TRIGGER_OIDC_ISSUER"
CLIENT_ID = "COMMUNITY_TRIGGER_OIDC_CLIENT_ID"
CLIENT_SECRET = "COMMUNITY_TRIGGER_OIDC_CLIENT_SECRET"
REDIRECT_BASE = "COMMUNITY_TRIGGER_OIDC_REDIRECT_BASE"
LOCAL_PASSWORDS = "COMMUNITY_TRIGGER_LOCAL_PASSWORDS"
ON, OFF = ("on", "true", "yes", "1"), ("off", "false", "no", "0")


class SignInSettingsError(ValueError):
    """The sign-in settings cannot work; the message names the variable."""


@dataclass(frozen=True)
class OidcSettings:
    issuer: str = ""
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    redirect_base: str = ""
    local_passwords: bool = True

    @property
    def enabled(self) -> bool:
        return bool(self.issuer)

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer.rstrip('/')}/.well-known/openid-configuration"

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> OidcSettings:
        def text(name: str) -> str:
            return environ.get(name, "").strip()

        switch = text(LOCAL_PASSWORDS).lower() or "on"
        if switch not in ON + OFF:
            raise SignInSettingsError(f"{LOCAL_PASSWORDS} must be on or off, not {switch!r}.")
        settings = cls(text(ISSUER), text(CLIENT_ID), text(CLIENT_SECRET), text(REDIRECT_BASE).rstrip("/"),
                       switch in ON)
        settings.check()
        return settings

    def check(self) -> None:
        if self.enabled and not self.issuer.startswith(("https://", "http://localhost", "http://127.0.0.1")):
            raise SignInSettingsError(f"{ISSUER} must be an https:// address (the provider's issuer URL).")
        if self.enabled and not (self.client_id and self.client_secret):
            missing = CLIENT_ID if not self.client_id else CLIENT_SECRET
            raise SignInSettingsError(f"{missing} must be set when {ISSUER} is (the app registration's).")
        if not self.local_passwords and not self.enabled:
            raise SignInSettingsError(f"{LOCAL_PASSWORDS}=off leaves nobody a way to sign in: set {ISSUER} (and "
                                      "the client id and secret) to sign in with the identity provider.")

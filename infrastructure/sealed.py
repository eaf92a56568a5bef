"""Personal values stored sealed: a ``Person`` or ``Narrative`` in an event is kept as its subject, the key's
name, and the AES-GCM sealed JSON of everything else, under that subject's data key (infrastructure/keys.py).

* Reading with the key gives the value back.
* Reading after the key was deleted (erasure) gives ``Person.erased`` / ``Narrative.erased`` with the date.
* A value stored before encryption was turned on (plain fields, no ``sealed``) is read as it was stored.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidTag
from eventsourcing.persistence import Transcoding

from domain.personal import ContactMethod, Narrative, Person
from infrastructure.keys import DataKeys, seal, unseal

SEALED = "sealed"


class Sealed(Transcoding):
    """One personal type, sealed under its subject's key. ``plain`` decodes values stored before sealing."""

    def __init__(self, cls: type, keys: DataKeys, plain: Transcoding) -> None:
        self.type = cls
        self.name = cls.__name__
        self.keys = keys
        self.plain = plain
        self.context = cls.__name__.encode()

    def encode(self, obj: Any) -> dict[str, Any]:
        fields = self.plain.encode(obj)
        subject = fields.pop("subject")
        if obj.is_erased:  # an erased value is never written back as if it held data
            return {"subject": subject, "erased_on": (obj.erased_on or date.today()).isoformat()}
        if isinstance(fields.get("date_of_birth"), date):
            fields["date_of_birth"] = fields["date_of_birth"].isoformat()
        if isinstance(fields.get("preferred_contact"), ContactMethod):
            fields["preferred_contact"] = fields["preferred_contact"].value
        key = self.keys.key_for_writing(subject)
        if key is None:  # the subject was erased: nothing new about them is kept
            return {"subject": subject, "erased_on": (self.keys.shredded_on(subject) or date.today()).isoformat()}
        sealed = seal(key, json.dumps(fields, ensure_ascii=False).encode(), self.context + subject.encode())
        return {"subject": subject, SEALED: base64.b64encode(sealed).decode("ascii")}

    def decode(self, data: dict[str, Any]) -> Any:
        subject = data["subject"]
        if SEALED not in data:
            if "erased_on" in data:
                return self.type.erased(subject, date.fromisoformat(data["erased_on"]))
            erased_on = self.keys.shredded_on(subject)  # stored before personal data was sealed: shown as
            if erased_on is not None:  # erased once the subject is, though its bytes stay (docs/PERSONAL-DATA.md)
                return self.type.erased(subject, erased_on)
            return self.plain.decode(data)
        key = self.keys.key_for_reading(subject, sealed=True)
        if key is None:
            return self.type.erased(subject, self.keys.shredded_on(subject) or date.today())
        try:
            fields = json.loads(unseal(key, base64.b64decode(data[SEALED]), self.context + subject.encode()).decode())
        except InvalidTag:
            return self.type.erased(subject, None)
        if fields.get("date_of_birth"):
            fields["date_of_birth"] = date.fromisoformat(fields["date_of_birth"])
        if fields.get("preferred_contact"):  # sealed before it was asked: absent, and the default (None) stands
            fields["preferred_contact"] = ContactMethod(fields["preferred_contact"])
        return self.plain.decode({"subject": subject, **fields})


SEALED_TYPES: tuple[type, ...] = (Person, Narrative)

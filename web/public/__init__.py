"""The public application form (``/apply``): no sign-in, works without JavaScript, one thing per page.

The modules add their routes to one blueprint: ``pages`` (start and questions), ``incidents`` (the
add-another loop), ``submit`` (consent, check answers, sending, confirmation); ``answers`` checks
what is typed, ``flow`` orders the pages, ``drafts`` keeps answers on the server, ``limits`` and
``blueprint`` protect the form against abuse."""

from web.public import incidents, pages, submit
from web.public.blueprint import blueprint

__all__ = ["blueprint", "incidents", "pages", "submit"]

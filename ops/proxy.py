"""The client's address behind reverse proxies.

Behind N trusted proxies (ITA_TRUSTED_PROXIES=N; each appends the address it received the
request from to X-Forwarded-For, as nginx's ``$proxy_add_x_forwarded_for`` does), the client is
the N-th address from the right: anything further left was written by the client and may be
forged. With 0 (the default: gunicorn faces the clients) it is REMOTE_ADDR. django-axes counts
password guesses per username and this address (AXES_CLIENT_IP_CALLABLE), so behind a proxy
one office's guesses do not lock every office out.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.ITA_TRUSTED_PROXIES
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote

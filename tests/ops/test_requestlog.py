"""One JSON line per request (ops/requestlog.py), and the client's address behind proxies
(ops/proxy.py), which django-axes counts password guesses by."""

import json
import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ops.proxy import client_ip
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGGER = "ita_portal.requests"


def lines(caplog):
    return [json.loads(record.getMessage()) for record in caplog.records if record.name == LOGGER]


def test_one_line_per_request_with_user_organisation_and_duration(client, people, caplog):
    client.force_login(people["staff_a"])
    with caplog.at_level(logging.INFO, logger=LOGGER):
        response = client.get("/o/org-a/")
    assert response.status_code == 200
    [line] = lines(caplog)
    assert line["method"] == "GET" and line["path"] == "/o/org-a/" and line["status"] == 200
    assert line["user_id"] == people["staff_a"].pk and line["username"] == "staff-a"
    assert line["organisation"] == "org-a"
    assert line["duration_ms"] > 0
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32
    assert line["ip"] == "127.0.0.1"
    assert line["time"].endswith("+00:00")


def test_anonymous_refusals_are_logged_too_without_a_user(client, people, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/o/org-b/")
        client.get("/no-such-page/")
    first, second = lines(caplog)
    assert (first["status"], first["user_id"], first["organisation"]) == (302, None, "org-b")
    assert (second["status"], second["organisation"]) == (404, None)


def test_neither_passwords_nor_query_strings_reach_the_log(client, people, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.post(
            reverse("login") + "?next=/o/org-a/&token=s3cr3t-t0ken",
            {"username": "staff-a", "password": PASSWORD},
        )
    [line] = lines(caplog)
    raw = caplog.records[-1].getMessage()
    assert line["path"] == "/accounts/login/" and line["status"] == 302
    assert PASSWORD not in raw and "s3cr3t" not in raw and "token" not in raw
    assert line["username"] == "staff-a"  # logged in by this very request


def test_the_proxy_request_id_is_kept_and_a_strange_one_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER):
        kept = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a9c21"})
        replaced = client.get("/healthz", headers={"X-Request-ID": "x\n{evil}"})
    first, second = lines(caplog)
    assert first["request_id"] == kept["X-Request-ID"] == "lb-7f3a9c21"
    assert second["request_id"] == replaced["X-Request-ID"] != "x\n{evil}"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.5"),  # no proxy: a client's header means nothing
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client wrote the left one
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.5"),  # fewer hops than configured: not trusted
        (1, "not-an-address", "10.0.0.5"),
    ],
)
def test_client_address_behind_trusted_proxies(settings, hops, forwarded, expected):
    settings.ITA_TRUSTED_PROXIES = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_a_proxy_axes_locks_the_guessing_address_only(client, people, settings):
    settings.ITA_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.5"}

    def login(password, address):
        return client.post(
            reverse("login"),
            {"username": "staff-a", "password": password},
            HTTP_X_FORWARDED_FOR=address,
            **proxy,
        )

    for _ in range(5):
        login("wrong-password", "198.51.100.7")
    assert login(PASSWORD, "198.51.100.7").status_code == 429
    # another office behind the same proxy still gets in
    assert login(PASSWORD, "203.0.113.9").status_code == 302

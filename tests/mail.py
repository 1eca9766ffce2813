"""A real SMTP server on loopback for the tests (aiosmtpd), keeping what it receives."""

import email
import email.policy
import socket
import sys
from contextlib import contextmanager


class Inbox:
    """The messages the server received, parsed (subject and body decoded)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(
            {
                "to": list(envelope.rcpt_tos),
                "from": envelope.mail_from,
                "subject": str(message["subject"]).strip(),  # a folded header starts with a space
                "body": message.get_body(("plain",)).get_content(),
            }
        )
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if address in m["to"]]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _controller_class():
    """aiosmtpd's Controller. aiosmtpd imports atpublic's top-level module ``public``, which
    the portal's app of the same name shadows: import aiosmtpd with atpublic's module in
    place, then put the portal's app back."""
    import importlib.util
    from importlib.metadata import distribution

    if "aiosmtpd.controller" in sys.modules:
        return sys.modules["aiosmtpd.controller"].Controller
    init = distribution("atpublic").locate_file("public/__init__.py")
    app = sys.modules.pop("public", None)
    spec = importlib.util.spec_from_file_location(
        "public", init, submodule_search_locations=[str(init.parent)]
    )
    atpublic = importlib.util.module_from_spec(spec)
    sys.modules["public"] = atpublic
    try:
        spec.loader.exec_module(atpublic)
        from aiosmtpd.controller import Controller
    finally:
        for name in [n for n in sys.modules if n == "public" or n.startswith("public._")]:
            del sys.modules[name]
        if app is not None:
            sys.modules["public"] = app
    return Controller


@contextmanager
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = _controller_class()(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()

"""WeasyPrint may read only the portal's own static files and data: URLs, never the network
or any other file on the server (a report's HTML carries text that users typed)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from pypdf import PdfReader

from printing.pdf import allowed_url, html_to_pdf
from tests import ROOT_DIR

from ..reports_helpers import compact, pdf_text

ROOT = ROOT_DIR
STATIC = ROOT / "static"


@pytest.fixture
def web_server():
    """An HTTP server on loopback that records every request it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            body = b"body::after { content: 'FROM-THE-NETWORK' }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def _page(head="", body=""):
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        f"<style>body {{ font-family: Sarabun; }}</style>{head}</head>"
        f"<body><p>รายงานทดสอบ</p>{body}</body></html>"
    )


def _attachments(content):
    """Files embedded in the PDF: document attachments and file-attachment annotations."""
    reader = PdfReader(BytesIO(content))
    found = {name: data[0] for name, data in reader.attachments.items()}
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                spec = annotation["/FS"].get_object()
                name = str(spec.get("/UF") or spec.get("/F"))
                found[name] = spec["/EF"]["/F"].get_object().get_data()
    return found


def test_nothing_is_fetched_from_the_network(web_server):
    base, hits = web_server
    html = _page(
        head=f'<link rel="stylesheet" href="{base}/sheet.css">'
        f"<style>@import url('{base}/import.css');"
        f"@font-face {{ font-family: Remote; src: url('{base}/font.ttf'); }}"
        f"h1 {{ background: url('{base}/background.png'); font-family: Remote; }}</style>",
        body=f'<h1>หัวข้อ</h1><img src="{base}/image.png" alt="">'
        f'<a rel="attachment" href="{base}/attachment.txt">แนบ</a>'
        f'<link rel="attachment" href="https://example.invalid/x">',
    )
    content = html_to_pdf(html)
    assert content.startswith(b"%PDF")
    assert hits == []
    assert "FROM-THE-NETWORK" not in pdf_text(content)
    assert _attachments(content) == {}


def test_no_file_outside_static_is_read(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("body::after { content: 'SECRET-FILE' }", encoding="utf-8")
    outside = STATIC / ".." / "ita_portal" / "settings.py"  # climbs out of static/
    html = _page(
        head=f'<link rel="stylesheet" href="{secret.as_uri()}">'
        '<link rel="attachment" href="file:///etc/passwd">',
        body=f'<a rel="attachment" href="file://{outside}">แนบ</a>'
        '<img src="file:///etc/passwd" alt="">',
    )
    content = html_to_pdf(html)
    assert "SECRET-FILE" not in pdf_text(content)
    assert _attachments(content) == {}


def test_static_files_and_data_urls_are_read():
    sheet = STATIC / "reports" / "print.css"
    html = _page(
        head='<link rel="stylesheet" href="data:text/css,body::after{content:\'DATA-URL\'}">'
        f'<link rel="attachment" href="{sheet.as_uri()}">',
    )
    content = html_to_pdf(html)
    assert "DATA-URL" in compact(pdf_text(content))
    assert _attachments(content) == {"print.css": sheet.read_bytes()}


def test_the_rule_resolves_dots_and_symlinks_before_deciding(tmp_path):
    root, outside = tmp_path / "static", tmp_path / "private"
    root.mkdir()
    outside.mkdir()
    (root / "logo.png").write_bytes(b"png")
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "escape").symlink_to(outside)
    roots = [root]
    assert allowed_url((root / "logo.png").as_uri(), roots) == (root / "logo.png").as_uri()
    assert allowed_url("data:text/plain,hello", roots) == "data:text/plain,hello"
    for url in (
        f"file://{root}/../private/secret.txt",
        f"file://{root}/escape/secret.txt",
        f"file://{root}/missing.png",
        f"file://{root}",
        f"file://other-host{root}/logo.png",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/logo.png",
        "https://example.org/logo.png",
        "ftp://example.org/logo.png",
    ):
        assert allowed_url(url, roots) is None, url

"""What the HTML validator found in the forms (label for="", a dangling aria-describedby):
every label points at a control that exists, every aria reference at an element that
exists, and no id is used twice — on the pages with the most forms."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from measures.services import standard_rounds

from .factories import make_chain, make_measure, record_results

pytestmark = pytest.mark.django_db
Y = {"org": "org-a", "year": 2569}


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.fors, self.refs = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") is not None:
            self.ids.append(attrs["id"])
        if tag == "label" and "for" in attrs:
            self.fors.append(attrs["for"])
        for name in ("aria-describedby", "aria-labelledby", "aria-controls"):
            if name in attrs:
                self.refs += [(name, ref) for ref in (attrs[name] or "").split()] or [(name, "")]


def problems(html):
    parsed = References()
    parsed.feed(html)
    ids = set(parsed.ids)
    found = [f'label for="{target}"' for target in parsed.fors if target not in ids]
    found += [f'{name}="{ref}"' for name, ref in parsed.refs if ref not in ids]
    found += [f'id="{i}" twice' for i in ids if parsed.ids.count(i) > 1]
    return found


def test_labels_and_aria_references_point_at_elements_that_exist(client, people, org_a):
    measure = make_measure(org_a, number=1)
    six, _twelve = standard_rounds(organisation=org_a, fiscal_year=2569)
    record_results(org_a, 2568, total=80)
    make_chain(org_a, people["exec_a"])
    pages = {
        "staff_a": [
            reverse("measure-new", kwargs=Y),
            reverse("measure-edit", kwargs={**Y, "pk": measure.pk}),
            reverse("round", kwargs={**Y, "pk": six.pk}) + "?unit=all",
            reverse("rounds", kwargs=Y),
            reverse("oit-checklist", kwargs=Y),
            reverse("results-edit", kwargs={"org": "org-a", "year": 2568}),
            reverse("issue-new", kwargs={"org": "org-a", "year": 2568}),
            reverse("analysis-draft", kwargs={"org": "org-a", "year": 2568}),
            reverse("measures-import", kwargs=Y),
        ],
        "admin": [
            reverse("settings-chain", kwargs={"org": "org-a"}),
            reverse("settings-details", kwargs={"org": "org-a"}),
            reverse("settings-member-new", kwargs={"org": "org-a"}),
            reverse("supervisor"),
        ],
    }
    found = []
    for who, urls in pages.items():
        client.force_login(people[who])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            found += [(url, p) for p in problems(response.content.decode())]
    assert not found

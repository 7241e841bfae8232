"""`docket serve`'s page through Datasette's own test client, no browser:
the views and canned queries against what `docket list` and `docket stats`
compute, the links between items, history, documents and bodies, and who may
read and change what."""
from __future__ import annotations

import asyncio
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

pytest.importorskip("datasette")
pytest.importorskip("datasette_auth_passwords")

from datasette_auth_passwords.utils import hash_password  # noqa: E402

from docket.cli import main  # noqa: E402
from docket.models.query import ItemFilter  # noqa: E402
from docket.models.store import Store  # noqa: E402
from docket.web import app  # noqa: E402
from serve_support import make_database  # noqa: E402

PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(Datasette, database path, ids by short name), with the user lan."""
    path, ids = make_database(tmp_path_factory.mktemp("serve"))
    with Store.open(path) as store:
        store.save_user("lan", hash_password(PASSWORD, iterations=1000))
        accounts = store.password_hashes()
    return app.build(path, accounts), path, ids


def get(datasette, url, **kwargs):
    return asyncio.run(datasette.client.get(url, **kwargs))


def rows(datasette, url):
    response = get(datasette, url + ("&" if "?" in url else "?") + "_shape=array&_size=max")
    assert response.status_code == 200, response.text[:500]
    return response.json()


def python_ids(path, filters) -> list[str]:
    with Store.open(path) as store:
        return [item.id for item in store.items(filters)]


@pytest.mark.parametrize("view, filters, expected", [
    ("overdue", ItemFilter.outstanding(overdue=True), ["budget", "road"]),  # not the done leaflets
    ("due_this_week", ItemFilter.outstanding(due_within=7), ["bridge"]),
    ("outstanding", ItemFilter.outstanding(), ["budget", "road", "bridge", "rota", "audit", "square"]),
])
def test_item_views_list_what_docket_list_lists(site, view, filters, expected):
    datasette, path, ids = site
    listed = [row["item"] for row in rows(datasette, f"/works/{view}.json")]
    assert listed == [ids[name] for name in expected]
    assert listed == python_ids(path, filters.on(date.today()))


def test_item_views_show_body_names_and_documents(site):
    datasette, _, ids = site
    bridge = next(r for r in rows(datasette, "/works/due_this_week.json") if r["item"] == ids["bridge"])
    assert json.loads(bridge["bodies"]) == ["Provincial Police", "Ministry of Finance"]
    assert bridge["document"] == "Minutes of the district works meeting" and bridge["status"] == "open"


def _figures(group):
    c = group.counts
    return [c.tasks, c.done, c.percent_done, c.summary(), c.outstanding, c.overdue, c.blocked, c.cancelled]


def test_progress_views_match_docket_stats(site):
    datasette, path, _ = site
    with Store.open(path) as store:
        stats = store.stats(ItemFilter(), date.today())
    columns = ["tasks", "done", "percent_done", "progress", "outstanding", "overdue", "blocked", "cancelled"]
    by_body = rows(datasette, "/works/progress_by_body.json")
    assert [r["body"] for r in by_body] == [g.label for g in stats.by_body]
    assert [[r[c] for c in columns] for r in by_body] == [_figures(g) for g in stats.by_body]
    assert [(r["body"], r["progress"], r["overdue"]) for r in by_body] == [
        ("Department of Health", "1 of 2 tasks done, 50%", 0),
        ("Ministry of Finance", "0 of 3 tasks done, 0%", 1),
        ("Provincial Police", "0 of 2 tasks done, 0%", 1),
        ("(no responsible body)", "0 of 1 tasks done, 0%", 0),
    ]
    by_document = rows(datasette, "/works/progress_by_document.json")
    assert [[r[c] for c in columns] for r in by_document] == [_figures(g) for g in stats.by_document]


@pytest.mark.parametrize("query, typed, python_filter", [
    ("outstanding_for_body", "  FINANCE ", ItemFilter.outstanding(body="finance")),
    ("outstanding_for_body", "police", ItemFilter.outstanding(body="police")),
    ("outstanding_for_body", "treasury", ItemFilter.outstanding(body="treasury")),  # no such body: nothing
    ("overdue_for_body", "ministry of  finance", ItemFilter.outstanding(body="ministry of finance", overdue=True)),
    ("overdue_for_body", "", ItemFilter.outstanding(body="", overdue=True)),
])
def test_canned_queries_for_one_department_match_docket_list(site, query, typed, python_filter):
    datasette, path, _ = site
    found = [r["item"] for r in rows(datasette, f"/works/{query}.json?body={typed}")]
    assert found == python_ids(path, python_filter.on(date.today()))
    assert bool(found) == (typed.strip() != "treasury")


def test_progress_per_body_query_narrows_to_the_bodies_named(site):
    datasette, _, _ = site
    found = rows(datasette, "/works/progress_per_body.json?body=health")
    assert [(r["body"], r["progress"]) for r in found] == [("Department of Health", "1 of 2 tasks done, 50%")]
    assert len(rows(datasette, "/works/progress_per_body.json?body=")) == 4  # three bodies and nobody


def test_links_lead_from_history_and_views_to_the_item(site):
    datasette, _, ids = site
    history = get(datasette, f"/works/item_history?item_id={ids['road']}").text
    assert f'href="/works/items/{ids["road"]}"' in history
    overdue = get(datasette, "/works/overdue").text
    assert f'href="/works/items/{ids["budget"]}"' in overdue and 'href="/works/documents/1"' in overdue
    item = get(datasette, f"/works/items/{ids['road']}")
    assert item.status_code == 200 and "close the river road" in item.text
    assert f"item_history?item_id={ids['road']}" in item.text  # back to its history
    body = get(datasette, "/works/bodies/1")
    assert body.status_code == 200 and "item_bodies?body_id=1" in body.text


def test_full_text_search_and_facets(site):
    datasette, _, ids = site
    assert [r["id"] for r in rows(datasette, "/works/items.json?_search=bridge")] == [ids["bridge"]]
    facets = get(datasette, "/works/outstanding.json?_facet=status").json()["facet_results"]
    assert {f["value"]: f["count"] for f in facets["status"]["results"]} == {"open": 5, "blocked": 1}


@pytest.mark.parametrize("url", [
    "/works/web_users.json", "/works/web_users", "/works.json?sql=select+*+from+web_users",
    "/works/items.json?_where=1",
])
def test_passwords_and_free_sql_are_closed_to_everyone(site, url):
    datasette, _, _ = site
    for cookies in ({}, {"ds_actor": datasette.sign({"a": {"id": "lan"}}, "actor")}):
        response = get(datasette, url, cookies=cookies)
        assert response.status_code in (400, 403), url
        assert "pbkdf2" not in response.text


def _csrf(response) -> tuple[str, str]:
    token = re.search(r'name="csrftoken" value="([^"]+)"', response.text).group(1)
    return token, response.cookies["ds_csrftoken"]


def _post_status(datasette, item, cookies, status="done", note="handed over"):
    page = get(datasette, f"/works/items/{item}", cookies=cookies)
    # anonymous visitors get no form, so take a token from the login page
    token, cookie = _csrf(page if 'name="csrftoken"' in page.text else get(datasette, "/-/login"))
    return asyncio.run(datasette.client.post(
        "/-/docket/status", data={"csrftoken": token, "item": item, "status": status, "note": note},
        cookies={**cookies, "ds_csrftoken": cookie}))


def _status(path, item):
    with Store.open(path) as store:
        return store.item(item).status.value, [(h.event, h.changed_by, h.note) for h in store.history(item)]


def test_anonymous_visitors_cannot_change_a_status(site):
    datasette, path, ids = site
    assert "Log in</a> to change this item" in get(datasette, f"/works/items/{ids['rota']}").text
    before = _status(path, ids["rota"])
    assert _post_status(datasette, ids["rota"], {}).status_code == 403
    wrong = asyncio.run(datasette.client.post("/-/login", data={"username": "lan", "password": "guess"}))
    assert "ds_actor" not in wrong.cookies
    assert _status(path, ids["rota"]) == before


def test_a_logged_in_user_changes_a_status_recorded_under_their_name(site):
    datasette, path, ids = site
    token, cookie = _csrf(get(datasette, "/-/login"))
    login = asyncio.run(datasette.client.post(
        "/-/login", data={"username": "lan", "password": PASSWORD, "csrftoken": token},
        cookies={"ds_csrftoken": cookie}))
    actor = {"ds_actor": login.cookies["ds_actor"]}
    page = get(datasette, f"/works/items/{ids['bridge']}", cookies=actor)
    assert 'name="status"' in page.text and "<strong>lan</strong>" in page.text
    response = _post_status(datasette, ids["bridge"], actor, status="in progress", note="crew on site")
    assert response.status_code == 302 and response.headers["location"] == f"/works/items/{ids['bridge']}"
    status, history = _status(path, ids["bridge"])
    assert status == "in-progress" and history[-1] == ("status", "lan", "crew on site")
    bad = _post_status(datasette, ids["bridge"], actor, status="finished")
    assert bad.status_code == 302 and _status(path, ids["bridge"])[0] == "in-progress"
    shown = CliRunner().invoke(main, ["--db", str(path), "show", ids["bridge"]])
    assert "status open → in-progress by lan — crew on site" in shown.output


def test_serve_refuses_a_database_that_is_not_dockets(tmp_path):
    other = tmp_path / "other.db"
    import sqlite3
    sqlite3.connect(other).execute("CREATE TABLE songs (title TEXT)")
    result = CliRunner().invoke(main, ["--db", str(other), "serve", "--port", "0"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("Error: ") and "not docket's" in result.output


def test_user_add_keeps_only_a_hash(tmp_path):
    path, _ = make_database(tmp_path)
    runner = CliRunner()
    added = runner.invoke(main, ["--db", str(path), "user", "add", " Minh "], input="s3cret pass\ns3cret pass\n")
    assert added.exit_code == 0 and added.output.endswith("Minh: added\n")
    assert b"s3cret pass" not in path.read_bytes()
    assert runner.invoke(main, ["--db", str(path), "user", "list"]).output == "Minh\n"
    with Store.open(path) as store:
        assert store.password_hashes()["Minh"].startswith("pbkdf2_sha256$")
    again = runner.invoke(main, ["--db", str(path), "user", "add", "Minh", "--password", "other"])
    assert again.output == "Minh: password changed\n"
    missing = runner.invoke(main, ["--db", str(path), "user", "remove", "Lan"])
    assert (missing.exit_code, missing.output) == (1, "Error: no user 'Lan'; `docket user list` shows them\n")
    bad = runner.invoke(main, ["--db", str(path), "user", "add", "a_password_hash", "--password", "x"])
    assert bad.exit_code == 2 and bad.output.splitlines()[-1].startswith(
        "Error: NAME: 'a_password_hash' cannot be a user name")  # a usage error, as `alias`'s empty NAME is

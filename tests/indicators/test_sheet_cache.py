"""Sheets of ended periods are kept between requests and never served once a committed write has changed what
they read; a running period, or a transaction that has just written, is always computed fresh."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import add_members, ensure_catalogue

from dangvu.core.periods import Period, PeriodKind
from dangvu.indicators import freshness, sheet_cache
from dangvu.indicators.selectors import indicator_sheet
from dangvu.indicators.services import target_set
from dangvu.jobs.models import Job
from dangvu.members.models import EventKind, Member
from dangvu.members.services import member_remove
from dangvu.organisations.services import org_rename

Q4 = Period.parse("2019-Q4")


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "members_placement" ("member_id") VALUES (%s)', "members_placement"),
        ('UPDATE "members_member" SET "left_on" = %s WHERE "id" = %s', "members_member"),
        ('DELETE FROM "indicators_target" WHERE "id" IN (%s)', "indicators_target"),
        ("  insert into activities_cellmeeting(a, b) values (1, 2)", "activities_cellmeeting"),
        ('REPLACE INTO "x_y" ("a") VALUES (1)', "x_y"),
        ('SELECT "id" FROM "members_member" WHERE "left_on" IS NULL', None),
        ('SAVEPOINT "s1"', None),
    ],
)
def test_the_table_a_statement_writes_is_read_off_its_sql(sql, table):
    assert freshness.written_table(sql) == table


def test_only_the_tables_sheets_read_are_tracked():
    assert freshness.is_tracked("members_placement") and freshness.is_tracked("accounts_role")
    assert freshness.is_tracked("auth_user") and freshness.is_tracked("organisations_orglink")
    for table in ("jobs_job", "django_session", "auditlog_logentry", "accounts_apitoken", None):
        assert not freshness.is_tracked(table)
    assert not freshness.is_tracked(freshness.GENERATION_TABLE)


def test_a_log_in_is_not_a_change_of_scope():
    last_login = 'UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s'
    assert freshness.only_last_login(last_login)
    assert not freshness.only_last_login('UPDATE "auth_user" SET "last_login" = %s, "is_staff" = %s WHERE 1')
    assert not freshness.only_last_login('UPDATE "auth_user" SET "is_active" = %s WHERE "id" = %s')
    assert not freshness.only_last_login('UPDATE "accounts_role" SET "last_login" = %s WHERE "id" = %s')


def _generation():
    from django.db import connection

    return freshness.generation(connection)


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_moves_the_generation_and_a_rolled_back_one_does_not(province):
    from django.db import transaction

    before = _generation()
    assert before is not None
    add_members(province["CA1"], 1)  # autocommit: one bump a statement
    after_autocommit = _generation()
    assert after_autocommit > before
    with transaction.atomic():
        add_members(province["CA1"], 3)
        assert _generation() == after_autocommit  # not before the commit
        assert freshness.pending(transaction.get_connection())
    committed = _generation()
    assert committed == after_autocommit + 1  # one bump for the whole transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        add_members(province["CA1"], 1)
        raise RuntimeError("rolled back")
    assert _generation() == committed
    Job.objects.create(kind="report", arguments={})  # not read by sheets
    assert _generation() == committed


@pytest.mark.django_db(transaction=True)
def test_an_ended_period_is_kept_until_a_write_changes_it(province, system):
    ensure_catalogue()
    first = indicator_sheet(system, Q4)
    again = indicator_sheet(system, Q4)
    assert again.figures is first.figures  # served from the cache
    ca1 = province["CA1"]
    assert first.figure("DV_CUOI_KY", ca1.pk).value == 3
    subset = indicator_sheet(system, Q4, indicators=[first.indicators[0]])
    assert subset.figures is first.figures  # a subset is read off the whole catalogue's sheet

    member = Member.objects.filter(placements__organisation=ca1).first()
    member_remove(actor=None, member=member, on=dt.date(2019, 11, 1), reason=EventKind.DEATH)
    fresh = indicator_sheet(system, Q4)
    assert fresh.figures is not first.figures
    assert fresh.figure("DV_CUOI_KY", ca1.pk).value == 2

    org_rename(actor=None, organisation=ca1, name="Chi bộ Đổi tên", effective_on=dt.date(2019, 10, 1))
    renamed = indicator_sheet(system, Q4)
    assert renamed.nodes[ca1.pk].name == "Chi bộ Đổi tên"

    target_set(actor=None, indicator=first.indicators[0], organisation=province["HL"], period="2019", value=5)
    assert indicator_sheet(system, Q4).figures is not renamed.figures


@pytest.mark.django_db(transaction=True)
def test_a_running_period_and_a_transaction_that_wrote_are_computed_fresh(province, system):
    from django.db import transaction

    ensure_catalogue()
    today = dt.date.today()
    now = Period(today.year, PeriodKind.QUARTER, (today.month - 1) // 3 + 1)
    assert indicator_sheet(system, now).figures is not indicator_sheet(system, now).figures
    kept = indicator_sheet(system, Q4)
    with transaction.atomic():
        add_members(province["CA2"], 4, since=dt.date(2019, 11, 1))
        inside = indicator_sheet(system, Q4)
        assert inside.figures is not kept.figures
        assert inside.figure("DV_CUOI_KY", province["CA2"].pk).value == 6


@pytest.mark.django_db(transaction=True)
def test_the_cache_holds_no_more_figures_than_its_limit(province, system, settings):
    ensure_catalogue()
    settings.DANGVU_SHEET_CACHE_CELLS = 0
    assert indicator_sheet(system, Q4).figures is not indicator_sheet(system, Q4).figures
    assert sheet_cache.size() == (0, 0)
    one = indicator_sheet(system, Q4)
    settings.DANGVU_SHEET_CACHE_CELLS = len(one.nodes) * len(one.indicators)
    indicator_sheet(system, Q4)
    assert sheet_cache.size()[0] == 1
    indicator_sheet(system, Q4.predecessor())  # the older one goes
    assert sheet_cache.size() == (1, len(one.nodes) * len(one.indicators))
    last_year = Q4.predecessor()
    assert indicator_sheet(system, last_year).figures is indicator_sheet(system, last_year).figures


def _page(response):
    """The page without what changes on every request (CSRF tokens, nonces)."""
    text = response.content.decode()
    text = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", text)
    return re.sub(r'CSRFToken": "[^"]*"', "", text)


@pytest.mark.django_db(transaction=True)
def test_a_page_and_the_next_share_the_kept_sheets(client, province):
    ensure_catalogue()
    client.force_login(province.users["admin"])
    url = "/chi-tieu/HL/?period=2019-Q4"
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    assert first.status_code == 200
    kept, _ = sheet_cache.size()
    assert kept >= 3  # the quarter, last year's, the year to date (and the trend's quarters)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url)
    assert _page(second) == _page(first)
    read_placements = [q for q in warm.captured_queries if "members_placement" in q["sql"]]
    assert read_placements == [] and len(warm.captured_queries) < len(cold.captured_queries)


def test_threads_asking_for_the_same_sheet_at_once_make_it_once():
    made = []
    key = ("default", 1, "test", "2019-Q4")

    def ask():
        if sheet_cache.get(key) is None:
            with sheet_cache.making(key):
                if sheet_cache.get(key) is None:
                    time.sleep(0.05)  # a computation long enough for the others to queue behind it
                    made.append(1)
                    sheet_cache.put(key, object(), 10)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1
    assert sheet_cache._making == {}  # no lock left behind


@pytest.mark.django_db(transaction=True)
def test_logging_in_keeps_the_kept_sheets(client, province, system):
    ensure_catalogue()
    kept = indicator_sheet(system, Q4)
    before = _generation()
    r = client.post("/dang-nhap/", {"username": "admin", "password": "Mat-khau-thu-2026"})
    assert r.status_code == 302 and "/dang-nhap/" not in r["Location"]
    assert _generation() == before
    assert indicator_sheet(system, Q4).figures is kept.figures

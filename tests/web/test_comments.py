"""Comment threads: posting, reading, mentions mailed through a real SMTP server, the lock,
escaping, the length limit and the period's history."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from styra.web.comments import threads
from styra.web.comments.mentions import mentioned
from styra.web.comments.models import Comment, Outcome
from styra.web.followup import models as m
from styra.web.followup.access import Access
from tests.web.conftest import client_for, indicator, url, user
from tests.web.mail import SITE, Inbox, inbox_fixture

inbox = inbox_fixture("styra@kommun.example.se")


def thread_url(period: m.Period, kind: str, pk: int) -> str:
    return url("comment_thread", period, kind=kind, pk=pk)


def post(persona: str, period: m.Period, kind: str, pk: int, text: str) -> Any:
    return client_for(persona).post(thread_url(period, kind, pk), {"kommentar-text": text})


def _with_email(persona: str, address: str) -> None:
    person = user(persona)
    person.email = address
    person.save()


# Posting and reading


def test_the_controller_posts_and_lands_back_at_the_comment_on_the_indicator_page(
    period: m.Period,
) -> None:
    ind = indicator(period, "1.7")
    response = post("controller", period, "indikator", ind.pk, "Varför sjönk värdet?")
    comment = Comment.objects.get()
    page = url("indicator", period, pk=ind.pk)
    assert response.status_code == 302
    assert response["Location"] == f"{page}#kommentar-{comment.pk}"
    assert (comment.author_name, comment.item_label) == ("Eva Ekonom", "1.7 " + ind.name)
    shown = client_for("owner").get(page).content.decode()
    assert f'id="kommentar-{comment.pk}"' in shown
    assert "Varför sjönk värdet?" in shown
    assert "Eva Ekonom" in shown


@pytest.mark.parametrize(
    ("kind", "page", "lookup"),
    [
        ("mal", "goal", (m.Goal, {"key": "1"})),
        ("rad", "line", (m.ReportLine, {"label": "PERSONALKOSTNADER"})),
        ("berattelse", "section", (m.NarrativeSection, {"key": "resultat"})),
    ],
)
def test_the_owner_answers_on_a_goal_a_line_and_a_section(
    kind: str, page: str, lookup: tuple[Any, dict[str, str]], period: m.Period
) -> None:
    model, where = lookup
    item = model.objects.get(period=period, **where)
    assert post("controller", period, kind, item.pk, "Fråga från ekonomen.").status_code == 302
    assert post("owner", period, kind, item.pk, "Svar från ansvarig.").status_code == 302
    shown = client_for("reader").get(url(page, period, pk=item.pk)).content.decode()
    first, second = shown.index("Fråga från ekonomen."), shown.index("Svar från ansvarig.")
    assert first < second  # oldest first, as a conversation reads
    assert "Ingrid Indikatoransvarig" in shown


def test_threads_are_per_item(period: m.Period) -> None:
    one, other = indicator(period, "1.7"), indicator(period, "2.1")
    post("controller", period, "indikator", one.pk, "Bara om 1.7.")
    shown = client_for("controller").get(url("indicator", period, pk=other.pk)).content.decode()
    assert "Bara om 1.7." not in shown
    assert "Inga kommentarer ännu." in shown


def test_a_reader_reads_the_thread_but_gets_no_form_and_may_not_post(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    post("controller", period, "indikator", ind.pk, "Till ansvarig.")
    shown = client_for("reader").get(url("indicator", period, pk=ind.pk)).content.decode()
    assert "Till ansvarig." in shown
    assert 'name="kommentar-text"' not in shown
    assert "Du kan läsa kommentarerna men inte skriva i tråden." in shown
    assert post("reader", period, "indikator", ind.pk, "Läsaren skriver.").status_code == 403
    assert post("municipal", period, "indikator", ind.pk, "Kommunen skriver.").status_code == 403
    assert list(Comment.objects.values_list("text", flat=True)) == ["Till ansvarig."]


def test_a_comment_is_no_change_of_the_item_and_leaves_the_period_revision(
    period: m.Period,
) -> None:
    revision, changes = period.revision, m.Change.objects.count()
    post("controller", period, "indikator", indicator(period, "1.7").pk, "En fråga.")
    period.refresh_from_db()
    assert (period.revision, m.Change.objects.count()) == (revision, changes)


# The lock, escaping and the length limit


def test_it_refuses_a_comment_on_an_adopted_period(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    m.Period.objects.filter(pk=period.pk).update(state=m.PeriodState.ADOPTED)
    response = post("controller", period, "indikator", ind.pk, "För sent.")
    assert response.status_code == 409
    assert "fastställd" in response.content.decode()
    assert not Comment.objects.exists()
    shown = client_for("controller").get(url("indicator", period, pk=ind.pk)).content.decode()
    assert "Perioden är fastställd; nya kommentarer kan inte skrivas." in shown
    assert 'name="kommentar-text"' not in shown
    # The lock is said first, before the form is read: an empty post is no 400 here.
    assert post("owner", period, "indikator", ind.pk, "").status_code == 409


def test_a_period_under_correction_takes_comments(period: m.Period) -> None:
    m.Period.objects.filter(pk=period.pk).update(state=m.PeriodState.CORRECTING)
    ind = indicator(period, "1.7")
    assert post("controller", period, "indikator", ind.pk, "Om rättelsen.").status_code == 302


def test_html_in_a_comment_is_shown_as_text(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    text = '<script>alert("x")</script> <b>fet</b>\nrad två'
    post("controller", period, "indikator", ind.pk, text)
    for page in (url("indicator", period, pk=ind.pk), url("history", period)):
        shown = client_for("reader").get(page).content.decode()
        assert "<script>alert" not in shown and "<b>fet</b>" not in shown
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;fet&lt;/b&gt;" in shown
        assert "<br>rad två" in shown


def test_a_too_long_comment_is_refused_at_the_field_and_nothing_is_saved(
    period: m.Period,
) -> None:
    ind = indicator(period, "1.7")
    response = post("controller", period, "indikator", ind.pk, "x" * 4001)
    shown = response.content.decode()
    assert response.status_code == 400
    assert "Kommentaren får vara högst 4000 tecken lång; den är 4001." in shown
    assert 'id="id_kommentar-text_error"' in shown
    assert 'href="#id_kommentar-text"' in shown  # the error summary links to the field
    assert "<title>Fel:" in shown
    assert "x" * 4001 in shown  # the text is kept in the form, not lost
    assert not Comment.objects.exists()
    assert post("controller", period, "indikator", ind.pk, "y" * 4000).status_code == 302


def test_every_door_gets_the_same_check_of_the_text(period: m.Period) -> None:
    access = Access(period.committee, m.Role.CONTROLLER, user("controller").pk, period)
    thread = threads.Thread(access, "indikator", indicator(period, "1.7"))
    with pytest.raises(ValidationError, match="högst 4000 tecken lång; den är 4001"):
        threads.post(thread, user("controller"), "z" * 4001)
    with pytest.raises(ValidationError, match="Skriv en kommentar"):
        threads.post(thread, user("controller"), " ")
    assert not Comment.objects.exists()
    assert threads.post(thread, user("controller"), "  Kort.  ").text == "Kort."


def test_an_empty_comment_is_refused(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    response = post("controller", period, "indikator", ind.pk, "   ")
    assert response.status_code == 400
    assert "Skriv en kommentar innan du skickar." in response.content.decode()
    assert not Comment.objects.exists()


# Mentions


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("@ekonom kan du titta?", ["ekonom"]),
        ("Fråga @ekonom.", ["ekonom"]),
        ("(@laxa-controller) och @a.b_c, @A.B_C igen", ["laxa-controller", "a.b_c"]),
        ("skriv till eva@example.se eller @@x", []),
        ("Ingen alls.", []),
    ],
)
def test_the_mention_syntax(text: str, names: list[str]) -> None:
    assert mentioned(text) == names


def test_a_mention_mails_the_person_a_swedish_plain_text_with_a_link(
    inbox: Inbox, period: m.Period
) -> None:
    _with_email("owner", "ingrid@kommun.example.se")
    ind = indicator(period, "1.7")
    text = "@indikatoransvarig kan du skriva en analys? Värdet är lägre än målet."
    response = post("controller", period, "indikator", ind.pk, text)
    comment = Comment.objects.get()
    assert len(inbox.messages) == 1
    to, mail = inbox.messages[0]
    assert to == ["ingrid@kommun.example.se"]
    # Python's parser keeps the fold's space before an encoded word; a mail reader does not.
    assert mail["Subject"].strip() == f"Eva Ekonom nämnde dig i en kommentar om 1.7 {ind.name}"
    assert mail["From"] == "styra@kommun.example.se"
    assert mail.get_content_type() == "text/plain"
    body = mail.get_content()
    link = f"{SITE}/n/sydnarkes-it/2024-helar/indikator/{ind.pk}/#kommentar-{comment.pk}"
    assert link in body
    assert text in body
    assert "Eva Ekonom nämnde dig i en kommentar om indikator 1.7" in body
    assert [(x.user, x.outcome) for x in comment.mentions.all()] == [(user("owner"), Outcome.SENT)]
    shown = client_for("controller").get(response["Location"]).content.decode()
    assert "@indikatoransvarig (Ingrid Indikatoransvarig): e-post skickad" in shown


def test_a_mention_of_someone_without_access_sends_nothing_and_says_so(
    inbox: Inbox, period: m.Period
) -> None:
    _with_email("outsider", "olle@annan.example.se")
    ind = indicator(period, "1.7")
    post("controller", period, "indikator", ind.pk, "@utomstaende och @finns-inte, titta.")
    assert inbox.messages == []
    said = dict(Comment.objects.get().mentions.values_list("username", "outcome"))
    assert said == {"utomstaende": Outcome.NO_ACCESS, "finns-inte": Outcome.NO_ACCESS}
    shown = client_for("controller").get(url("indicator", period, pk=ind.pk)).content.decode()
    # The same words for an account elsewhere as for no account at all: nothing learnt.
    message = "ingen med det namnet har åtkomst till nämnden, inget skickat"
    assert f"@utomstaende: {message}" in shown
    assert f"@finns-inte: {message}" in shown


def test_a_municipal_reader_of_the_committee_is_mailed_and_one_without_address_is_told(
    inbox: Inbox, period: m.Period
) -> None:
    _with_email("municipal", "kim@lekeberg.example.se")
    ind = indicator(period, "1.7")
    post("owner", period, "indikator", ind.pk, "@kommuncontroller och @lasare: se värdet.")
    assert [to for to, _ in inbox.messages] == [["kim@lekeberg.example.se"]]
    said = dict(Comment.objects.get().mentions.values_list("username", "outcome"))
    assert said == {"kommuncontroller": Outcome.SENT, "lasare": Outcome.NO_EMAIL}


def test_a_refused_address_is_recorded_and_the_others_still_get_theirs(
    inbox: Inbox, period: m.Period
) -> None:
    _with_email("owner", "ingrid@kommun.example.se")
    _with_email("reader", "lars@kommun.example.se")
    inbox.refuse.add("ingrid@kommun.example.se")
    ind = indicator(period, "1.7")
    response = post("controller", period, "indikator", ind.pk, "@indikatoransvarig @lasare")
    assert response.status_code == 302
    assert [to for to, _ in inbox.messages] == [["lars@kommun.example.se"]]
    said = dict(Comment.objects.get().mentions.values_list("username", "outcome"))
    assert said == {"indikatoransvarig": Outcome.FAILED, "lasare": Outcome.SENT}
    page = client_for("controller").get(response["Location"]).content.decode()
    assert "@indikatoransvarig (Ingrid Indikatoransvarig): e-posten kunde inte skickas" in page


def test_mentioning_oneself_sends_nothing(inbox: Inbox, period: m.Period) -> None:
    _with_email("controller", "eva@kommun.example.se")
    post("controller", period, "indikator", indicator(period, "1.7").pk, "Påminnelse @ekonom")
    assert inbox.messages == []
    assert not Comment.objects.get().mentions.exists()


# History, not the report


def test_the_history_shows_the_periods_comments_with_a_link_to_each(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    goal = m.Goal.objects.get(period=period, key="1")
    post("controller", period, "indikator", ind.pk, "Första kommentaren.")
    post("owner", period, "mal", goal.pk, "Andra kommentaren.")
    shown = client_for("reader").get(url("history", period)).content.decode()
    heading = shown.index('<h2 id="kommentarer-rubrik">Kommentarer</h2>')
    newest, oldest = shown.index("Andra kommentaren."), shown.index("Första kommentaren.")
    assert heading < newest < oldest
    first = Comment.objects.get(text="Första kommentaren.")
    page = url("indicator", period, pk=ind.pk)
    assert f'<a href="{page}#kommentar-{first.pk}">1.7 {ind.name}</a>' in shown


def test_comments_are_not_in_the_report(period: m.Period) -> None:
    post("controller", period, "indikator", indicator(period, "1.7").pk, "Internt samtal.")
    client = client_for("controller")
    for page in (url("report", period), url("report_download", period, fmt="json")):
        response = client.get(page)
        assert response.status_code == 200
        assert b"Internt samtal." not in b"".join(response)

"""`inkstream deliver email`: SMTP delivery of OUT/email/*.eml against aiosmtpd servers in this process."""
import asyncio
import email
import hashlib
import email.policy
import json
import os
import socket
import sqlite3
import ssl
import subprocess
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import ROOT, binary

# Four messages as a run writes them: CRLF line endings, complete headers, MIME bodies.
MESSAGES = {
    "100001.eml": (
        b"From: \"Inkstream Billing\" <billing@example.com>\r\n"
        b"To: Alice Example <alice@example.org>\r\n"
        b"Subject: Your statement\r\n"
        b"Date: Mon, 02 Jun 2025 09:00:00 +0000\r\n"
        b"Message-ID: <100001.run1@inkstream.example>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=us-ascii\r\n"
        b"\r\n"
        b"Dear Alice,\r\n"
        b"your statement is ready.\r\n"
    ),
    "100002.eml": (
        b"From: billing@example.com\r\n"
        b"To: =?UTF-8?B?QmrDtnJuIETDpGhsZXI=?= <bjoern@example.org>\r\n"
        b"Subject: Dots\r\n"
        b"Date: Mon, 02 Jun 2025 09:00:00 +0000\r\n"
        b"Message-ID: <100002.run1@inkstream.example>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=us-ascii\r\n"
        b"\r\n"
        b".this line starts with a dot\r\n"
        b"..and this one with two\r\n"
        b".\r\n"
        b"the line above is a lone dot\r\n"
    ),
    "100003.eml": (
        b"From: \"Billing, Inkstream\" <billing@example.com>\r\n"
        b"To: \"Doe, J\xc3\xb6rg (private)\" <joerg@example.org>\r\n"
        b"Subject: =?UTF-8?Q?Kontoauszug_f=C3=BCr_Juni?=\r\n"
        b"Date: Mon, 02 Jun 2025 09:00:00 +0000\r\n"
        b"Message-ID: <100003.run1@inkstream.example>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n"
        b"\r\n"
        + "Grüße aus Zürich — 100 € überwiesen.\r\n日本語の行\r\n".encode("utf-8")
    ),
    "100004.eml": (
        b"From: Inkstream <billing@example.com>\r\n"
        b"To: dave@example.org,\r\n"
        b"  \"Eve (accounts)\" <eve@example.org>\r\n"
        b"Cc: (nobody)\r\n"
        b"Subject: Two recipients\r\n"
        b"Date: Mon, 02 Jun 2025 09:00:00 +0000\r\n"
        b"Message-ID: <100004.run1@inkstream.example>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
        b"\r\n"
        b"--b1\r\n"
        b"Content-Type: text/plain; charset=us-ascii\r\n"
        b"\r\n"
        b"plain part\r\n"
        b"--b1\r\n"
        b"Content-Type: text/html; charset=us-ascii\r\n"
        b"\r\n"
        b"<p>html part</p>\r\n"
        b"--b1--\r\n"
    ),
}
RECIPIENTS = {
    "100001.eml": ["alice@example.org"],
    "100002.eml": ["bjoern@example.org"],
    "100003.eml": ["joerg@example.org"],
    "100004.eml": ["dave@example.org", "eve@example.org"],
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Store:
    """Accepts every message; a hook may answer differently."""

    def __init__(self, pipelining=True):
        self.lock = threading.Lock()
        self.received = []  # (mail_from, rcpt_tos, content bytes)
        self.pipelining = pipelining
        self.data_calls = 0
        self.ehlo_names = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.ehlo_names.append(hostname)
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_calls += 1
            answer = self.answer_data(envelope)
            if answer.startswith("250"):
                self.received.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return answer

    def answer_data(self, envelope):
        return "250 2.0.0 OK queued"

    def by_message_id(self):
        counts = {}
        for _, _, content in self.received:
            mid = email.message_from_bytes(content)["Message-ID"]
            counts[mid] = counts.get(mid, 0) + 1
        return counts


class DeferFirstData(Store):
    def answer_data(self, envelope):
        if self.data_calls == 1:
            return "451 4.3.0 Temporary local problem, try again"
        return "250 2.0.0 OK queued"


class RejectSome(Store):
    """550 at RCPT for nobody@…, 550 at DATA for messages to joerg@…"""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody") or address.startswith("eve"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    def answer_data(self, envelope):
        if "joerg@example.org" in envelope.rcpt_tos:
            return "550 5.7.1 Message content rejected: looks like spam"
        return "250 2.0.0 OK queued"


@pytest.fixture
def server_factory():
    controllers = []

    def start(handler, **kw):
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kw)
        controller.start()
        controllers.append(controller)
        return f"127.0.0.1:{port}"

    yield start
    for c in controllers:
        c.stop()


def make_out(tmp_path, messages=MESSAGES):
    """A run folder holding `messages`, recorded in its journal as a completed run's email documents
    (delivery sends only what the journal vouches for)."""
    out = tmp_path / "out"
    (out / "email").mkdir(parents=True)
    for name, content in messages.items():
        (out / "email" / name).write_bytes(content)
    record_in_journal(out, messages)
    return out


def record_in_journal(out, messages, status="complete"):
    """Adds a run of `status` to OUT/journal.sqlite whose email documents are `messages` (name -> bytes)."""
    journal = out / "journal.sqlite"
    if not journal.exists():  # a run makes the schema (a one-record run into a folder of its own)
        first = out.parent / "one-record.jsonl"
        first.write_text((ROOT / "Fixtures" / "accounts.jsonl").read_text().splitlines()[0] + "\n")
        subprocess.run([binary(), "run", "--template", str(ROOT / "Templates" / "statement"), "--input", str(first),
                        "--out", str(out.parent / "schema-run"), "--journal", str(journal), "--run-date", "2026-12-02",
                        "--channel", "print", "--quiet"], capture_output=True, timeout=120, check=True)
    db = sqlite3.connect(journal)
    cur = db.execute(
        "INSERT INTO runs (run_id, output_dir, status, engine, template_name, template_file, template_hash, input_path,"
        " input_hash, input_bytes, run_date, mode, options, started_at) VALUES (?, ?, ?, 'test', 't', 't', 'h', 'i', 'h', 0,"
        " '2026-12-02', 'per-doc', '{}', '2026-12-02T00:00:00Z')",
        (f"test-{status}", os.path.abspath(out), status))
    run = cur.lastrowid
    for line, (name, content) in enumerate(sorted(messages.items()), start=1):
        db.execute(
            "INSERT INTO documents (run, line, document_id, byte_offset, channel, path, pages, size, sha256, content_sha256)"
            " VALUES (?, ?, ?, 0, 'email', ?, 1, ?, ?, 'c')",
            (run, line, name[:-4], f"email/{name}", len(content), hashlib.sha256(content).hexdigest()))
    db.commit()
    db.close()


def deliver(out, smtp, *extra, env=None):
    # `--out` is the spelling every command shares; the old `--run OUT` is kept as an alias and tested below.
    args = [binary(), "deliver", "email", "--out", str(out), "--smtp", smtp, "--retry-delay", "0.2", *map(str, extra)]
    return subprocess.run(args, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)


def report(out):
    return json.loads((out / "delivery" / "email.json").read_text())


def journal_rows(out):
    db = sqlite3.connect(out / "journal.sqlite")
    db.row_factory = sqlite3.Row
    rows = {r["message"]: dict(r) for r in db.execute("SELECT * FROM deliveries")}
    audit = [dict(r) for r in db.execute("SELECT event, detail FROM audit ORDER BY seq")]
    db.close()
    return rows, audit


def assert_same_message(received, original):
    """The server holds exactly the file: same headers (parsed) and the same raw bytes."""
    assert received == original
    a = email.message_from_bytes(received, policy=email.policy.default)
    b = email.message_from_bytes(original, policy=email.policy.default)
    assert a.items() == b.items()
    assert received.split(b"\r\n\r\n", 1)[1] == original.split(b"\r\n\r\n", 1)[1]


@pytest.mark.parametrize("pipelining", [True, False])
def test_delivers_every_message_exactly(tmp_path, server_factory, pipelining):
    out = make_out(tmp_path)
    store = Store(pipelining=pipelining)
    smtp = server_factory(store)
    proc = deliver(out, smtp, "--helo", "composer.example.com")
    assert proc.returncode == 0, proc.stderr
    assert "4 sent" in proc.stdout and "0 deferred" in proc.stdout, proc.stdout
    assert len(store.received) == 4
    assert set(store.ehlo_names) == {"composer.example.com"}
    got = {email.message_from_bytes(c)["Message-ID"]: (f, r, c) for f, r, c in store.received}
    for name, content in MESSAGES.items():
        mid = email.message_from_bytes(content)["Message-ID"]
        mail_from, rcpts, received = got[mid]
        assert mail_from == "billing@example.com"
        assert rcpts == RECIPIENTS[name]
        assert_same_message(received, content)

    r = report(out)
    assert r["counts"] == {"sent": 4, "deferred": 0, "failed": 0, "uncertain": 0, "skipped_already_sent": 0,
                           "not_attempted": 0, "refused": 0}
    assert [m["file"] for m in r["messages_detail"]] == [f"email/{n}" for n in sorted(MESSAGES)]
    for m in r["messages_detail"]:
        assert m["status"] == "sent" and m["attempts"] == 1 and m["last_reply"].startswith("250 ")
    assert "<table>" in (out / "delivery" / "email.html").read_text()

    rows, audit = journal_rows(out)
    assert sorted(rows) == sorted(MESSAGES)
    for name, row in rows.items():
        assert row["status"] == "sent" and row["attempts"] == 1
        assert row["document_id"] == name[:-4]
        assert row["recipients"] == ", ".join(RECIPIENTS[name])
        assert row["first_attempt_at"] and row["updated_at"]
    sent = [json.loads(a["detail"]) for a in audit if a["event"] == "email.sent"]
    assert sorted(s["message_id"] for s in sent) == sorted(f"<{n[:-4]}.run1@inkstream.example>" for n in MESSAGES)

    # Again: nothing is sent twice.
    again = deliver(out, smtp)
    assert again.returncode == 0, again.stderr
    assert len(store.received) == 4
    assert report(out)["counts"]["skipped_already_sent"] == 4
    assert "4 already sent" in again.stdout


def test_bare_lf_file_is_sent_with_crlf(tmp_path, server_factory):
    lf = MESSAGES["100002.eml"].replace(b"\r\n", b"\n")
    out = make_out(tmp_path, {"100002.eml": lf})
    store = Store()
    proc = deliver(out, server_factory(store))
    assert proc.returncode == 0, proc.stderr
    assert store.received[0][2] == MESSAGES["100002.eml"]


def test_temporary_failure_is_retried(tmp_path, server_factory):
    out = make_out(tmp_path, {"100001.eml": MESSAGES["100001.eml"]})
    store = DeferFirstData()
    proc = deliver(out, server_factory(store))
    assert proc.returncode == 0, proc.stderr
    assert store.data_calls == 2 and len(store.received) == 1
    m = report(out)["messages_detail"][0]
    assert (m["status"], m["attempts"]) == ("sent", 2)
    rows, _ = journal_rows(out)
    assert rows["100001.eml"]["status"] == "sent" and rows["100001.eml"]["attempts"] == 2


def test_temporary_failure_left_deferred_after_max_attempts(tmp_path, server_factory):
    class AlwaysBusy(Store):
        def answer_data(self, envelope):
            return "452 4.3.1 Insufficient system storage"

    out = make_out(tmp_path, {"100001.eml": MESSAGES["100001.eml"]})
    store = AlwaysBusy()
    proc = deliver(out, server_factory(store), "--max-attempts", "3")
    assert proc.returncode == 75, proc.stdout + proc.stderr
    assert store.data_calls == 3
    m = report(out)["messages_detail"][0]
    assert (m["status"], m["attempts"]) == ("deferred", 3)
    assert m["last_reply"] == "end of data: 452 4.3.1 Insufficient system storage"


def test_permanent_failures_are_kept_verbatim(tmp_path, server_factory):
    messages = dict(MESSAGES)
    messages["100005.eml"] = MESSAGES["100001.eml"].replace(b"alice@example.org", b"nobody@example.org").replace(
        b"100001.run1", b"100005.run1")
    out = make_out(tmp_path, messages)
    store = RejectSome()
    proc = deliver(out, server_factory(store))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    r = report(out)
    assert r["counts"]["failed"] == 2 and r["counts"]["sent"] == 3
    details = {m["file"]: m for m in r["messages_detail"]}
    # 550 at DATA: failed with the server's reply, tried once.
    joerg = details["email/100003.eml"]
    assert joerg["status"] == "failed" and joerg["attempts"] == 1
    assert joerg["last_reply"] == "end of data: 550 5.7.1 Message content rejected: looks like spam"
    # 550 at RCPT for the only recipient: failed.
    nobody = details["email/100005.eml"]
    assert nobody["status"] == "failed"
    assert "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown" in nobody["last_reply"]
    # One of two recipients rejected: sent to the other, the rejection recorded.
    two = details["email/100004.eml"]
    assert two["status"] == "sent"
    assert "RCPT TO:<eve@example.org>: 550 5.1.1 <eve@example.org>: Recipient address rejected" in two["last_reply"]
    assert [r for _, r, c in store.received if b"100004" in c] == [["dave@example.org"]]
    rows, audit = journal_rows(out)
    assert rows["100003.eml"]["status"] == "failed"
    failed = [json.loads(a["detail"]) for a in audit if a["event"] == "email.failed"]
    assert sorted(f["message"] for f in failed) == ["100003.eml", "100005.eml"]
    # Failed messages are not tried again.
    calls = store.data_calls
    again = deliver(out, server_factory(RejectSome()))
    assert again.returncode == 1
    assert report(out)["counts"]["skipped_already_sent"] == 3 and report(out)["counts"]["failed"] == 2
    assert store.data_calls == calls


def openssl_cert(tmp_path):
    key, cert = tmp_path / "server.key", tmp_path / "server.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return key, cert


class Credentials:
    def __init__(self):
        self.seen = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        self.seen.append((mechanism, auth_data.login, auth_data.password))
        ok = auth_data.login == b"mailer" and auth_data.password == b"s3cret pass"
        return AuthResult(success=ok, handled=False)


def tls_server(server_factory, tmp_path, handler, credentials):
    key, cert = openssl_cert(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    smtp = server_factory(handler, tls_context=context, require_starttls=True, authenticator=credentials,
                          auth_required=True, auth_require_tls=True)
    return smtp, cert


def test_starttls_and_auth(tmp_path, server_factory):
    out = make_out(tmp_path)
    credentials = Credentials()
    store = Store()
    smtp, cert = tls_server(server_factory, tmp_path, store, credentials)
    password = tmp_path / "password"
    password.write_text("s3cret pass\n")
    proc = deliver(out, smtp, "--starttls", "--tls-ca", cert, "--user", "mailer", "--password-file", password)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(store.received) == 4
    assert credentials.seen and all(s == ("PLAIN", b"mailer", b"s3cret pass") for s in credentials.seen)
    for _, _, content in store.received:
        name = email.message_from_bytes(content)["Message-ID"][1:7] + ".eml"
        assert_same_message(content, MESSAGES[name])


def test_tls_problems_fail_clearly(tmp_path, server_factory):
    out = make_out(tmp_path, {"100001.eml": MESSAGES["100001.eml"]})
    store = Store()
    smtp, cert = tls_server(server_factory, tmp_path, store, Credentials())
    password = tmp_path / "password"
    password.write_text("wrong\n")
    # Not trusted: the system store does not know the self-signed certificate.
    proc = deliver(out, smtp, "--starttls", "--user", "mailer", "--password-file", password)
    assert proc.returncode == 1
    assert "is not trusted" in proc.stderr, proc.stderr
    # Trusted, but the password is wrong.
    proc = deliver(out, smtp, "--starttls", "--tls-ca", cert, "--user", "mailer", "--password-file", password)
    assert proc.returncode == 1
    assert "refused the credentials of mailer" in proc.stderr, proc.stderr
    assert store.received == []
    assert report(out)["messages_detail"][0]["status"] == "queued"
    # --starttls asked of a server that does not offer it.
    plain = server_factory(Store())
    proc = deliver(out, plain, "--starttls")
    assert proc.returncode == 1
    assert "does not offer STARTTLS" in proc.stderr, proc.stderr


def test_auth_refused_in_the_clear_to_a_remote_host(tmp_path):
    # A non-loopback address: the refusal happens before any connection is tried only if we know the peer,
    # so use a local socket that answers SMTP from a non-loopback address of this machine when there is one.
    host = None
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.connect(("192.0.2.1", 9))
        host = probe.getsockname()[0]
        probe.close()
    except OSError:
        pass
    if not host or host.startswith("127."):
        pytest.skip("no non-loopback address on this machine")
    out = make_out(tmp_path, {"100001.eml": MESSAGES["100001.eml"]})
    store = Store()
    port = free_port()
    controller = Controller(store, hostname=host, port=port, auth_require_tls=False,
                            authenticator=Credentials())
    controller.start()
    try:
        password = tmp_path / "password"
        password.write_text("s3cret pass")
        proc = deliver(out, f"{host}:{port}", "--user", "mailer", "--password-file", password)
        assert proc.returncode == 1
        assert "over an unencrypted connection" in proc.stderr, proc.stderr
        assert store.received == []
    finally:
        controller.stop()


def test_killed_after_sent_is_not_resent(tmp_path, server_factory):
    out = make_out(tmp_path)
    store = Store()
    smtp = server_factory(store)
    proc = deliver(out, smtp, "--connections", "1", env={"INKSTREAM_CRASH_AT": "deliver-sent:2"})
    assert proc.returncode == -9, proc.stdout + proc.stderr
    assert len(store.received) == 2
    rows, _ = journal_rows(out)
    assert sorted(n for n, r in rows.items() if r["status"] == "sent") == ["100001.eml", "100002.eml"]
    again = deliver(out, smtp, "--connections", "1")
    assert again.returncode == 0, again.stdout + again.stderr
    assert store.by_message_id() == {f"<{n[:-4]}.run1@inkstream.example>": 1 for n in MESSAGES}
    r = report(out)
    assert r["counts"]["sent"] == 2 and r["counts"]["skipped_already_sent"] == 2
    rows, _ = journal_rows(out)
    assert all(r["status"] == "sent" and r["attempts"] == 1 for r in rows.values())


def test_killed_while_sending_is_uncertain_not_resent(tmp_path, server_factory):
    out = make_out(tmp_path)
    store = Store()
    smtp = server_factory(store)
    proc = deliver(out, smtp, "--connections", "1", env={"INKSTREAM_CRASH_AT": "deliver-sending:1"})
    assert proc.returncode == -9, proc.stdout + proc.stderr
    rows, _ = journal_rows(out)
    assert rows["100001.eml"]["status"] == "sending"
    again = deliver(out, smtp)
    assert again.returncode == 1, again.stdout + again.stderr
    assert "1 uncertain" in again.stdout
    r = report(out)
    assert r["counts"]["uncertain"] == 1 and r["counts"]["sent"] == 3
    first = r["messages_detail"][0]
    assert first["file"] == "email/100001.eml" and first["status"] == "uncertain"
    assert "not sent again" in first["last_reply"] and "<100001.run1@inkstream.example>" in first["last_reply"]
    # The server never got the final dot of the first message, and the restart did not send it again.
    assert "<100001.run1@inkstream.example>" not in store.by_message_id()
    assert len(store.received) == 3
    rows, _ = journal_rows(out)
    assert rows["100001.eml"]["status"] == "uncertain"
    # A third delivery leaves it alone too.
    third = deliver(out, smtp)
    assert third.returncode == 1 and len(store.received) == 3


def test_no_messages(tmp_path, server_factory):
    out = tmp_path / "out"
    out.mkdir()
    proc = deliver(out, "127.0.0.1:1")
    assert proc.returncode == 66
    assert "does not exist" in proc.stderr
    (out / "email").mkdir()
    proc = deliver(out, "127.0.0.1:1")
    assert proc.returncode == 66
    assert "no .eml files" in proc.stderr


def test_server_down_defers(tmp_path):
    out = make_out(tmp_path, {"100001.eml": MESSAGES["100001.eml"]})
    proc = deliver(out, f"127.0.0.1:{free_port()}", "--max-attempts", "2")
    assert proc.returncode == 75, proc.stdout + proc.stderr
    m = report(out)["messages_detail"][0]
    assert m["status"] == "deferred" and m["attempts"] == 2
    assert "cannot connect" in m["last_reply"]


def test_connection_lost_after_final_dot_is_uncertain(tmp_path, server_factory):
    class HangUp(Store):
        async def handle_DATA(self, server, session, envelope):
            self.data_calls += 1
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
            server.transport.close()  # took the message, never answers
            return "250 2.0.0 OK queued"

    out = make_out(tmp_path, {"100001.eml": MESSAGES["100001.eml"]})
    store = HangUp()
    proc = deliver(out, server_factory(store))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    m = report(out)["messages_detail"][0]
    assert m["status"] == "uncertain" and m["attempts"] == 1
    assert "not sent again" in m["last_reply"] and "<100001.run1@inkstream.example>" in m["last_reply"]
    assert store.data_calls == 1


def test_a_runs_own_emails_are_delivered_and_show_in_history(tmp_path, server_factory, root):
    """End to end: a statement run writes its emails, deliver sends them, history tells where each went."""
    import statement_data as S
    from conftest import write_jsonl
    records = []
    for i in range(6):
        r = S.account(i, 2 + i)
        r.update(channel="email", email=f"person{i}@example.com")
        records.append(r)
    data = write_jsonl(tmp_path / "accounts.jsonl", records)
    out = tmp_path / "run"
    subprocess.run([binary(), "run", "--template", str(root / "Templates/statement"), "--input", str(data),
                    "--run-date", "2026-11-24", "--out", str(out), "--quiet"], check=True, capture_output=True)
    store = Store()
    smtp = server_factory(store)
    proc = deliver(out, smtp)
    assert proc.returncode == 0, proc.stderr
    assert report(out)["counts"]["sent"] == 6
    received = {email.message_from_bytes(data, policy=email.policy.default)["Message-ID"]: (rcpts, data)
                for _, rcpts, data in store.received}
    for path in sorted((out / "email").glob("*.eml")):
        original = path.read_bytes()
        m = email.message_from_bytes(original, policy=email.policy.default)
        rcpts, data = received[m["Message-ID"]]
        assert_same_message(data, original)
        assert rcpts == [m["To"].addresses[0].addr_spec]
    history = subprocess.run([binary(), "history", "200000003", "--journal", str(out / "journal.sqlite"), "--json"],
                             capture_output=True, text=True, check=True)
    entry = json.loads(history.stdout.splitlines()[0])
    assert entry["channel"] == "email" and entry["deliveries"][0]["status"] == "sent"
    assert entry["deliveries"][0]["recipients"] == "person3@example.com"
    text = subprocess.run([binary(), "history", "200000003", "--journal", str(out / "journal.sqlite")],
                          capture_output=True, text=True, check=True).stdout
    assert "delivery: sent to person3@example.com" in text


# Misbehaving servers, written on raw sockets: each plays a script per connection on 127.0.0.1 and stops by
# itself (after `lifetime` seconds or `max_connections` connections), so a client that hangs cannot hang
# the test.

class Peer:
    """One connection as a script sees it: lines in, bytes out, and a log of what the client sent."""

    def __init__(self, conn, server):
        self.conn = conn
        self.server = server
        self.pending = b""

    def send(self, data):
        self.conn.sendall(data.encode() if isinstance(data, str) else data)

    def line(self):
        while b"\r\n" not in self.pending:
            chunk = self.conn.recv(65536)
            if not chunk:
                raise ConnectionError("client closed")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\r\n", 1)
        return line

    def command(self):
        line = self.line()
        self.server.commands.append(line.decode("utf-8", "replace"))
        return line

    def reply(self, expected, answer):
        """Reads the next command (which must start with `expected`) and answers it."""
        line = self.command()
        assert line.upper().startswith(expected.encode()), (expected, line)
        self.send(answer)

    def greet(self, extensions=()):
        """Greeting and EHLO."""
        self.send("220 raw.example ESMTP\r\n")
        lines = ["raw.example", *extensions]
        self.reply("EHLO", "".join(f"250-{l}\r\n" for l in lines[:-1]) + f"250 {lines[-1]}\r\n")

    def envelope(self):
        """MAIL, one RCPT and DATA, one by one (no PIPELINING offered)."""
        self.reply("MAIL FROM:", "250 2.1.0 Ok\r\n")
        self.reply("RCPT TO:", "250 2.1.5 Ok\r\n")
        self.reply("DATA", "354 End data with <CR><LF>.<CR><LF>\r\n")

    def content(self):
        """Reads the message up to and with its final "."."""
        lines = []
        while (line := self.line()) != b".":
            lines.append(line)
        self.server.messages.append(lines)
        return lines


class RawServer:
    def __init__(self, script, lifetime=20, max_connections=10):
        self.script = script
        self.commands = []
        self.messages = []
        self.notes = []
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.address = "127.0.0.1:%d" % self.sock.getsockname()[1]
        self.deadline = time.monotonic() + lifetime
        self.max_connections = max_connections
        self.stopped = False
        self.thread = threading.Thread(target=self.accept_loop, daemon=True)
        self.thread.start()

    def accept_loop(self):
        while not self.stopped and time.monotonic() < self.deadline and self.connections < self.max_connections:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()
        self.sock.close()

    def serve(self, conn):
        conn.settimeout(max(0.1, self.deadline - time.monotonic()))
        try:
            self.script(Peer(conn, self))
        except (OSError, ConnectionError, AssertionError) as e:
            self.notes.append(repr(e))
        finally:
            conn.close()

    def stop(self):
        self.stopped = True
        self.thread.join(timeout=5)


@pytest.fixture
def raw_server():
    servers = []

    def start(script, **kw):
        server = RawServer(script, **kw)
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.stop()


ONE = {"100001.eml": MESSAGES["100001.eml"]}


def timed_deliver(out, smtp, *extra):
    started = time.monotonic()
    proc = deliver(out, smtp, *extra)
    return proc, time.monotonic() - started


def test_dropped_before_final_dot_is_deferred(tmp_path, raw_server):
    def script(peer):
        peer.greet()
        peer.envelope()
        # The content, up to its last line: hang up before the final "." comes.
        while peer.line() != b"your statement is ready.":
            pass
        peer.server.notes.append("dot already received" if peer.pending.startswith(b".\r\n") else "closed before the dot")

    server = raw_server(script)
    out = make_out(tmp_path, ONE)
    proc = deliver(out, server.address, "--max-attempts", "1")
    if server.notes != ["closed before the dot"]:
        pytest.skip(f"the client was faster than the server's hang-up: {server.notes}")
    assert proc.returncode == 75, proc.stdout + proc.stderr
    m = report(out)["messages_detail"][0]
    assert (m["status"], m["outcome"], m["attempts"]) == ("deferred", "deferred", 1)
    assert "closed the connection" in m["last_reply"], m["last_reply"]
    rows, audit = journal_rows(out)
    assert rows["100001.eml"]["status"] == "deferred"
    assert not [a for a in audit if a["event"].startswith("email.")]


def test_dropped_after_final_dot_is_uncertain(tmp_path, raw_server):
    def script(peer):
        peer.greet()
        peer.envelope()
        peer.content()  # took it all, then hangs up without an answer

    server = raw_server(script)
    out = make_out(tmp_path, ONE)
    proc = deliver(out, server.address, "--max-attempts", "3")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert len(server.messages) == 1 and server.connections == 1
    m = report(out)["messages_detail"][0]
    assert (m["status"], m["outcome"], m["attempts"]) == ("uncertain", "uncertain", 1)
    assert "<100001.run1@inkstream.example>" in m["last_reply"]
    rows, _ = journal_rows(out)
    assert rows["100001.eml"]["status"] == "uncertain"


def unsolicited_script(where):
    """A server that otherwise answers every command right, plus one reply line nobody asked for."""

    def script(peer):
        extra = "250 2.0.0 ok\r\n"
        if where == "before-ehlo":
            peer.send("220 raw.example ESMTP\r\n" + extra)  # a reply before the client said anything
            peer.reply("EHLO", "250-raw.example\r\n250 PIPELINING\r\n")
        elif where == "after-ehlo":
            peer.send("220 raw.example ESMTP\r\n")
            peer.reply("EHLO", "250-raw.example\r\n250 PIPELINING\r\n" + extra)
        elif where == "late":
            peer.send("220 raw.example ESMTP\r\n")
            peer.reply("EHLO", "250-raw.example\r\n250 PIPELINING\r\n")
            time.sleep(0.05)
            peer.send(extra)  # while the client may already be sending MAIL, RCPT and DATA
        else:
            peer.greet(["PIPELINING"])
        peer.reply("MAIL FROM:", "250 2.1.0 Ok\r\n")
        peer.reply("RCPT TO:", "250 2.1.5 Ok\r\n")
        peer.reply("DATA", "354 go ahead\r\n" + (extra if where == "after-354" else ""))
        peer.content()
        peer.send("250 2.0.0 queued as 1\r\n" + (extra if where == "after-dot" else ""))
        peer.reply("QUIT", "221 2.0.0 bye\r\n")

    return script


@pytest.mark.parametrize("where", ["before-ehlo", "after-ehlo", "late", "after-354"])
def test_unsolicited_reply_fails_the_connection_and_defers(tmp_path, raw_server, where):
    server = raw_server(unsolicited_script(where))
    out = make_out(tmp_path, ONE)
    proc = deliver(out, server.address, "--max-attempts", "2")
    assert proc.returncode == 75, proc.stdout + proc.stderr
    m = report(out)["messages_detail"][0]
    assert (m["status"], m["outcome"], m["attempts"]) == ("deferred", "deferred", 2), m
    assert "out of step" in m["last_reply"], m["last_reply"]
    assert server.messages == []  # the content never went to a server that is out of step
    rows, audit = journal_rows(out)
    assert rows["100001.eml"]["status"] == "deferred"
    assert not [a for a in audit if a["event"].startswith("email.")]


def test_unsolicited_line_after_the_final_reply_makes_it_uncertain(tmp_path, raw_server):
    server = raw_server(unsolicited_script("after-dot"))
    out = make_out(tmp_path, ONE)
    proc = deliver(out, server.address)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    m = report(out)["messages_detail"][0]
    assert (m["status"], m["outcome"], m["attempts"]) == ("uncertain", "uncertain", 1), m
    assert "out of step" in m["last_reply"] and "<100001.run1@inkstream.example>" in m["last_reply"]
    assert len(server.messages) == 1


def test_the_same_server_behaving_is_sent(tmp_path, raw_server):
    """The raw server's script without the extra line: the client itself is not the problem."""
    server = raw_server(unsolicited_script("none"))
    out = make_out(tmp_path, ONE)
    proc = deliver(out, server.address)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert report(out)["messages_detail"][0]["status"] == "sent"
    assert [c.split(" ")[0] for c in server.commands] == ["EHLO", "MAIL", "RCPT", "DATA", "QUIT"]


def watch_memory(proc):
    """The process's peak resident memory in kB, read from /proc while it runs."""
    peak = 0
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError):
            break
        time.sleep(0.02)
    return peak


@pytest.mark.parametrize("shape", ["short-lines", "long-lines", "one-line"])
def test_endless_ehlo_reply_is_cut_short(tmp_path, raw_server, shape):
    def script(peer):
        peer.send("220 raw.example ESMTP\r\n")
        peer.command()
        peer.send("250-raw.example\r\n")
        chunk = {"short-lines": b"250-X\r\n" * 10000, "long-lines": (b"250-" + b"X" * 500 + b"\r\n") * 200,
                 "one-line": b"X" * 100000}[shape]
        sent, started = 0, time.monotonic()
        while sent < 100 * 1024 * 1024 and time.monotonic() - started < 60:
            peer.conn.sendall(chunk)
            sent += len(chunk)

    server = raw_server(script)
    out = make_out(tmp_path, ONE)
    args = [binary(), "deliver", "email", "--run", str(out), "--smtp", server.address, "--max-attempts", "1"]  # the old spelling of --out
    started = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_kb = watch_memory(proc)
    stdout, stderr = proc.communicate(timeout=30)
    elapsed = time.monotonic() - started
    assert proc.returncode == 75, stdout + stderr
    assert elapsed < 10, elapsed
    assert peak_kb < 150 * 1024, f"peak resident memory {peak_kb} kB"
    m = report(out)["messages_detail"][0]
    assert m["status"] == "deferred"
    expected = {"short-lines": "more than 1000 lines", "long-lines": "more than 65536 octets",
                "one-line": "longer than 2048 octets"}[shape]
    assert expected in m["last_reply"], m["last_reply"]


def silent(peer):
    # Accepts the connection and never says a word; leaves when the client does (or the server's lifetime ends).
    while peer.conn.recv(4096):
        pass


def test_silent_server_ends_by_the_command_timeout(tmp_path, raw_server):
    server = raw_server(silent)
    out = make_out(tmp_path, ONE)
    proc, elapsed = timed_deliver(out, server.address, "--command-timeout", "1", "--max-attempts", "2")
    assert proc.returncode == 75, proc.stdout + proc.stderr
    assert 1.9 < elapsed < 8, elapsed
    m = report(out)["messages_detail"][0]
    assert (m["status"], m["attempts"]) == ("deferred", 2)
    assert "did not answer within 1 s (waiting for the greeting)" in m["last_reply"], m["last_reply"]


def test_silent_server_ends_by_the_deadline(tmp_path, raw_server):
    server = raw_server(silent)
    out = make_out(tmp_path)
    proc, elapsed = timed_deliver(out, server.address, "--deadline", "1.5", "--connections", "1")
    assert proc.returncode == 75, proc.stdout + proc.stderr
    assert 1.4 < elapsed < 8, elapsed
    r = report(out)
    assert r["deadline_passed"] is True
    assert r["counts"]["deferred"] == 4 and r["counts"]["sent"] == 0
    first, *rest = r["messages_detail"]
    assert (first["status"], first["attempts"]) == ("deferred", 1)
    assert "--deadline" in first["last_reply"], first["last_reply"]
    for m in rest:  # never tried: deferred in the report, still queued in the journal
        assert (m["outcome"], m["status"], m["attempts"]) == ("deferred", "queued", 0)
    rows, _ = journal_rows(out)
    assert [rows[n]["status"] for n in sorted(rows)] == ["deferred", "queued", "queued", "queued"]


def test_deadline_stops_starting_messages(tmp_path, server_factory):
    class SlowRecipients(Store):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            await asyncio.sleep(1)
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"

    store = SlowRecipients()
    smtp = server_factory(store)
    out = make_out(tmp_path)
    proc, elapsed = timed_deliver(out, smtp, "--deadline", "2.5", "--connections", "1")
    assert proc.returncode == 75, proc.stdout + proc.stderr
    assert elapsed < 8, elapsed
    r = report(out)
    sent = [m for m in r["messages_detail"] if m["outcome"] == "sent"]
    deferred = [m for m in r["messages_detail"] if m["outcome"] == "deferred"]
    assert 1 <= len(sent) <= 3 and len(sent) + len(deferred) == 4, r["counts"]
    assert len(store.received) == len(sent)
    assert r["counts"]["deferred"] == len(deferred) and r["deadline_passed"] is True
    assert "deadline" in proc.stdout
    rows, _ = journal_rows(out)
    for m in deferred:
        assert rows[m["file"][len("email/"):]]["status"] in ("deferred", "queued")


def test_report_leaves_no_temporary_files(tmp_path, server_factory):
    out = make_out(tmp_path, ONE)
    proc = deliver(out, server_factory(Store()))
    assert proc.returncode == 0, proc.stderr
    assert sorted(os.listdir(out / "delivery")) == ["email.html", "email.json"]

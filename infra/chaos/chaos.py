"""The fault and security suite of Một Cửa: runs the whole local system (infra/run, on its own ports and data
directory), crashes and attacks it, and prints one table. Every row says what was done, what was expected, what
happened; the run fails (exit 1) when a row fails.

Scenarios (issue 16):
  crash      kill -9 of the local run (its JVM and the emulators, one process group) in the middle of a flow of N
             dossiers, restart on the same data, send again what got no answer (same Idempotency-Key), then account
             for every dossier, department callback and notice from the store itself: lost must be 0; duplicate
             callbacks (same Idempotency-Key, allowed by the contract) are counted; a notice sent twice is a failure.
  down-up    a department down (503) while dossiers reach it, then up: every callback arrives.
  replay     the department endpoint: replayed, tampered, stale, unsigned, unknown-agency and wrong-key calls, and
             that the unsigned ones wrote nothing.
  bad-input  a corpus on POST /dossiers (sizes, types, unknown fields, Unicode, HTML, CSV formulas): refused with a
             4xx and nothing stored, or stored and escaped on the receipt.
  authz      every route behind the JWT authorizer x no token, garbage, a token signed with our own key (wrong key;
             wrong issuer and audience signed with it too), a desk token on office routes.
  concurrency 150 intakes at once get consecutive codes; racing desk actions on one dossier have one winner.

Needs: the project built (infra/run builds what is missing), Python 3 with boto3 and cryptography (moto's).
MOTCUA_CHAOS_LAUNCHER (a JSON array) replaces infra/run, e.g. with the JVM command a test runs LocalRun with.
"""
import argparse
import base64
import concurrent.futures as futures
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import hashlib
import re
import hmac

PROJECT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AGENCY_OF_SAMPLE = None  # filled from the catalog
ROWS = []


def row(scenario, check, expected, got, ok):
    ROWS.append((scenario, check, str(expected), str(got), "ok" if ok else "FAIL"))
    print(f"  [{'ok' if ok else 'FAIL'}] {scenario}: {check}: expected {expected}, got {got}", flush=True)


# ---------------------------------------------------------------- HTTP

def http(method, url, body=None, headers=None, timeout=60):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and "content-type" not in {k.lower() for k in (headers or {})}:
        req.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError) as e:
        return 0, str(e)


# ---------------------------------------------------------------- the local system

class System:
    def __init__(self, args):
        self.args = args
        self.port = args.port
        self.api = f"http://127.0.0.1:{args.port}"
        self.sim = f"http://127.0.0.1:{args.simulator_port}"
        p = args.port
        self.aws_ports = [p + 1, p + 2, p + 3, p + 4, p + 5]
        self.ses = f"http://127.0.0.1:{self.aws_ports[3]}"
        self.moto = f"http://127.0.0.1:{self.aws_ports[4]}"
        self.proc = None
        self.log = open(os.path.join(args.data + "-logs.txt"), "a")

    def start(self, fresh):
        # infra/run (which builds what is missing), or the command a test gives (java -cp ... vn.motcua.local.LocalRun)
        launcher = json.loads(os.environ["MOTCUA_CHAOS_LAUNCHER"]) if os.environ.get("MOTCUA_CHAOS_LAUNCHER") else [os.path.join(PROJECT, "infra", "run")]
        cmd = launcher + ["--port", str(self.port), "--simulator-port", str(self.args.simulator_port),
               "--aws-ports", ",".join(map(str, self.aws_ports)), "--data", self.args.data,
               "--parameter", "SweepAgeMinutes=1"]
        if fresh:
            cmd.append("--fresh")
        self.log.write(f"\n==== {datetime.datetime.now().isoformat()} {' '.join(cmd)}\n")
        self.log.flush()
        self.proc = subprocess.Popen(cmd, cwd=PROJECT, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        end = time.time() + self.args.start_timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                raise SystemExit(f"infra/run stopped at start (exit {self.proc.returncode}); see {self.log.name}")
            status, _ = http("GET", self.api + "/_local", timeout=5)
            if status == 200:
                return
            time.sleep(1)
        raise SystemExit(f"infra/run did not come up in {self.args.start_timeout} s; see {self.log.name}")

    def kill9(self):
        """kill -9 of the whole local run: its JVM and the emulators it started (one process group)."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._wait_ports_free()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._wait_ports_free()

    def _wait_ports_free(self):
        for port in [self.port, self.args.simulator_port] + self.aws_ports:
            end = time.time() + 30
            while time.time() < end:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) != 0:
                        break
                time.sleep(0.2)

    # ---- sign-in, as the web app does it
    def token(self, user, password):
        config = json.loads(http("GET", self.api + "/app/config.json")[1])
        client = config.get("clientId") or config.get("cognito", {}).get("clientId")
        status, body = http("POST", self.moto + "/", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client,
                                                      "AuthParameters": {"USERNAME": user, "PASSWORD": password}},
                            {"x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth",
                             "content-type": "application/x-amz-json-1.1"})
        if status != 200:
            raise SystemExit(f"sign-in of {user} failed: {status} {body[:200]}")
        return json.loads(body)["AuthenticationResult"]["IdToken"]

    def desk(self):
        return {"Authorization": "Bearer " + self.token("quay01@buudien.quangngai.vn", "Quay01-local")}

    # ---- the store, read as an operator would (boto3 against the local DynamoDB)
    def table(self):
        import boto3
        db = boto3.client("dynamodb", endpoint_url=f"http://127.0.0.1:{self.aws_ports[0]}", region_name="ap-southeast-1",
                          aws_access_key_id="local", aws_secret_access_key="local")
        name = [t for t in db.list_tables()["TableNames"] if t.endswith("-dossiers")][0]
        return db, name

    def items(self):
        db, name = self.table()
        items, start = [], None
        while True:
            kw = {"TableName": name, "ConsistentRead": True}
            if start:
                kw["ExclusiveStartKey"] = start
            page = db.scan(**kw)
            items += page["Items"]
            start = page.get("LastEvaluatedKey")
            if not start:
                return items

    def set_mode(self, agency, mode):
        return http("PUT", f"{self.sim}/agencies/{agency}/mode", {"mode": mode})[0]

    def sweep(self):
        return http("POST", self.api + "/_local/schedules/DeadlineWatchFunction/Sweep", b"")[0]


def sample_body(i, tag):
    body = json.loads(json.load(open(os.path.join(PROJECT, "events", "intake-post.json")))["body"])
    body["applicant"]["email"] = f"chaos-{tag}-{i}@example.vn"
    return body


def intake(system, headers, i, tag):
    h = dict(headers)
    h["Idempotency-Key"] = f"chaos-{tag}-{i}"
    status, body = http("POST", system.api + "/dossiers", sample_body(i, tag), h, timeout=60)
    code = None
    if status in (200, 201):
        code = json.loads(body).get("code") or json.loads(body).get("receipt", {}).get("code")
    return status, code


def agencies(system):
    status, body = http("GET", system.sim + "/")
    return ["so-ngoai-vu", "so-khoa-hoc-cong-nghe", "so-thong-tin-truyen-thong", "so-giao-duc-dao-tao"]


# ---------------------------------------------------------------- crash

def account(system, codes):
    """Per dossier: its state, its receipt and result notices in the ledger, its callback at the simulator, what it still owes."""
    items = system.items()
    dossiers = {i["pk"]["S"][len("DOSSIER#"):]: i for i in items if i["pk"]["S"].startswith("DOSSIER#")}
    notices = {}
    for i in items:
        pk = i["pk"]["S"]
        if pk.startswith("NOTICE#") and i.get("status", {}).get("S") == "SENT":
            notices.setdefault(i["scope"]["S"], []).append(i["notice"]["S"])
    callbacks = {}
    for a in agencies(system):
        status, body = http("GET", f"{system.sim}/agencies/{a}/dossiers")
        if status == 200:
            for d in json.loads(body)["dossiers"]:
                c = callbacks.setdefault(d["dossierCode"], {"keys": 0, "deliveries": 0})
                c["keys"] += 1
                c["deliveries"] += d["deliveries"]
    result = {"done": 0, "lost": [], "duplicateCallbacks": 0, "duplicateNotices": 0, "owed": 0}
    for code in codes:
        d = dossiers.get(code)
        state = d["state"]["S"] if d else "MISSING"
        owed = len(d.get("owed", {}).get("M", {})) if d else 0
        sent = notices.get(code, [])
        cb = callbacks.get(code)
        complete = state == "RESULT_READY" and "received" in sent and "result-ready" in sent and cb is not None and owed == 0
        if complete:
            result["done"] += 1
        result["owed"] += owed
        if cb:
            result["duplicateCallbacks"] += cb["deliveries"] - cb["keys"]
        result["duplicateNotices"] += len(sent) - len(set(sent))
        if not complete:
            result["lost"].append((code, state, sorted(sent), bool(cb), owed))
    return result


def sweeps_requeued(system):
    """How many owed entries the sweeps queued again since the restart (the outbox at work), from the run's log."""
    system.log.flush()
    with open(system.log.name) as f:
        text = f.read()
    return text[text.rfind("==== "):].count('"event":"watch.owed.requeued"')


def crash(system, args, run):
    tag = f"crash{run}-{uuid.uuid4().hex[:6]}"
    system.start(fresh=True)
    for a in agencies(system):
        system.set_mode(a, "auto-approve")
    desk = system.desk()
    n, kill_after = args.dossiers, args.kill_after
    answered = {}
    with futures.ThreadPoolExecutor(4) as pool:
        pending = {pool.submit(intake, system, desk, i, tag): i for i in range(n)}
        killed = False
        for f in futures.as_completed(pending):
            status, code = f.result()
            if code:
                answered[pending[f]] = code
            if not killed and len(answered) >= kill_after:
                system.kill9()  # in the middle of the flow: intakes, routing, callbacks, answers, notices in flight
                killed = True
    unanswered = [i for i in range(n) if i not in answered]
    system.start(fresh=False)
    desk = system.desk()
    for i in unanswered:  # what the clerk saw fail, sent again with the same key
        # a key whose request died holding it answers 409 "in progress" until its lease (60 s) ends: the clerk tries again
        end = time.time() + 150
        while time.time() < end:
            status, code = intake(system, desk, i, tag)
            if code:
                answered[i] = code
                break
            time.sleep(5)
    codes = sorted(set(answered.values()))
    end = time.time() + args.settle
    result = account(system, codes)
    while time.time() < end and result["lost"]:
        system.sweep()  # the schedule runs every 5 minutes; a sweep now (owed work older than a minute goes again)
        time.sleep(20)
        result = account(system, codes)
    requeued = sweeps_requeued(system)
    row(f"crash {run}", f"kill -9 after {kill_after} of {n} intakes, restart on the same data", f"{n} dossiers, lost 0",
        f"{len(codes)} dossiers, lost {len(result['lost'])}; {len(unanswered)} intakes sent again; owed work re-queued by the sweep {requeued}; duplicate callbacks "
        f"{result['duplicateCallbacks']} (same key, allowed); duplicate notices {result['duplicateNotices']}; still owed {result['owed']}",
        not result["lost"] and result["duplicateNotices"] == 0 and len(codes) == n)
    if result["lost"]:
        print("    not accounted for:", result["lost"][:10])
    system.stop()
    return result


# ---------------------------------------------------------------- department down, then up

def down_up(system, args):
    system.start(fresh=True)
    agency_list = agencies(system)
    for a in agency_list:
        system.set_mode(a, "down")
    desk = system.desk()
    tag = "down-" + uuid.uuid4().hex[:6]
    codes = [intake(system, desk, i, tag)[1] for i in range(3)]
    time.sleep(20)  # the dispatcher tries, gets 503, retries after 30 s
    for a in agency_list:
        system.set_mode(a, "manual")
    end = time.time() + 240
    got = set()
    while time.time() < end and len(got) < len(codes):
        for a in agency_list:
            status, body = http("GET", f"{system.sim}/agencies/{a}/dossiers")
            if status == 200:
                got |= {d["dossierCode"] for d in json.loads(body)["dossiers"]}
        got &= set(codes)
        time.sleep(5)
    row("down-up", "departments down (503) while 3 dossiers are dispatched, then up", "3 callbacks", f"{len(got)} callbacks",
        len(got) == len(codes))
    return system  # left running for the next scenarios


# ---------------------------------------------------------------- the department endpoint

def sign(secret, timestamp, body):
    return "v1=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def replay(system):
    secrets = json.load(open(os.path.join(PROJECT, "infra", "local", "department-secrets.json")))
    agency = "so-khoa-hoc-cong-nghe"
    secret = secrets[agency]
    url = f"{system.api}/departments/{agency}/updates"

    def rejections():
        return sum(1 for i in system.items() if i["pk"]["S"].startswith("DEPARTMENT_REJECTION#"))

    before = rejections()
    body = json.dumps({"messageId": "chaos-" + uuid.uuid4().hex, "dossierCode": "000.00.92.H48-200302-0999",
                       "sentAt": datetime.datetime.now(datetime.timezone.utc).isoformat(), "accepted": {}}).encode()
    now = int(time.time())
    cases = [
        ("unsigned", {}, body, url, 401),
        ("bad signature", {"X-MotCua-Timestamp": str(now), "X-MotCua-Signature": "v1=" + "0" * 64}, body, url, 401),
        ("tampered body", {"X-MotCua-Timestamp": str(now), "X-MotCua-Signature": sign(secret, now, body)}, body.replace(b"0999", b"0998"), url, 401),
        ("stale timestamp", {"X-MotCua-Timestamp": str(now - 3600), "X-MotCua-Signature": sign(secret, now - 3600, body)}, body, url, 401),
        ("unknown agency", {"X-MotCua-Timestamp": str(now), "X-MotCua-Signature": sign(secret, now, body)}, body,
         f"{system.api}/departments/so-khong-co/updates", 401),
        ("another agency's key", {"X-MotCua-Timestamp": str(now), "X-MotCua-Signature": sign(secrets["so-ngoai-vu"], now, body)}, body, url, 401),
        ("malformed signature header", {"X-MotCua-Timestamp": "soon", "X-MotCua-Signature": "x"}, body, url, 401),
        ("over-size body", {"X-MotCua-Timestamp": str(now), "X-MotCua-Signature": "v1=" + "0" * 64}, b"{" + b" " * 70000 + b"}", url, 413),
    ]
    for name, headers, payload, target, expected in cases:
        status, _ = http("POST", target, payload, headers)
        row("replay", name, expected, status, status == expected)
    after = rejections()
    row("replay", "records written by the unsigned and forged calls", 0, after - before, after == before)
    # signed and valid, for an unknown dossier: refused and recorded (with its expiry), then the same message again
    signed = {"X-MotCua-Timestamp": str(now), "X-MotCua-Signature": sign(secret, now, body)}
    first = http("POST", url, body, signed)[0]
    again = http("POST", url, body, signed)[0]
    row("replay", "signed, unknown dossier; then replayed", "404 then 404", f"{first} then {again}", first == 404 and again == 404)


# ---------------------------------------------------------------- bad input

def bad_input(system):
    desk = system.desk()
    base = sample_body(0, "bad")
    dossiers_before = sum(1 for i in system.items() if i["pk"]["S"].startswith("DOSSIER#"))
    many = dict(base)
    for k in range(4000):
        many[f"x{k}"] = 1
    corpus = [
        ("empty body", b"", 400),
        ("not JSON", b"{\"applicant\": ", 400),
        ("a JSON array", b"[]", 400),
        ("70 KB body", b"{\"pad\":\"" + b"a" * 70000 + b"\"}", 413),
        ("4,000 unknown fields", many, 400),
        ("name as a number", {**base, "applicant": {**base["applicant"], "name": 42}}, 400),
        ("procedure unknown", {**base, "procedureCode": "9.999999"}, 400),
        ("documents as text", {**base, "documents": "all"}, 400),
        ("sets negative", {**base, "sets": -1}, 400),
        ("control characters in the name", {**base, "applicant": {**base["applicant"], "name": "Nguyễn\u0000\u0007"}}, 400),
        ("a 10,000-character name", {**base, "applicant": {**base["applicant"], "name": "A" * 10000}}, 400),
        ("an id number of letters", {**base, "applicant": {**base["applicant"], "idNumber": "ABCDEFGHIJKL"}}, 400),
        ("an email without @", {**base, "applicant": {**base["applicant"], "email": "not-an-email"}}, 400),
    ]
    for name, body, expected in corpus:
        h = dict(desk)
        h["Idempotency-Key"] = "bad-" + uuid.uuid4().hex
        status, answer = http("POST", system.api + "/dossiers", body, h)
        size = len(answer)
        # refused is what counts (400, 413 or 422: which one is the edge's choice), with a short answer
        ok = (status == expected or (expected == 400 and status in (400, 422))) and size < 20000
        row("bad-input", name, f"{expected}, < 20 KB", f"{status}, {size} B", ok)
    dossiers_after = sum(1 for i in system.items() if i["pk"]["S"].startswith("DOSSIER#"))
    row("bad-input", "dossiers stored by the refused requests", 0, dossiers_after - dossiers_before, dossiers_after == dossiers_before)
    # accepted, but shown escaped: HTML in the name on the printed receipt; a CSV formula in the tracking book
    for name, value in (("HTML in the name", "<script>alert(1)</script> Nguyễn"), ("a CSV formula as the name", "=HYPERLINK(\"http://x\")")):
        h = dict(desk)
        h["Idempotency-Key"] = "bad-" + uuid.uuid4().hex
        status, answer = http("POST", system.api + "/dossiers", {**base, "applicant": {**base["applicant"], "name": value}}, h)
        if status in (200, 201):
            receipt = json.dumps(json.loads(answer), ensure_ascii=False)
            raw = "<script>" in json.loads(answer).get("receipt", {}).get("html", "")
            row("bad-input", name + " (stored)", "escaped on the receipt", "raw" if raw else "escaped", not raw)
        else:
            row("bad-input", name, "refused or escaped", status, 400 <= status < 500)


# ---------------------------------------------------------------- authorization

def forged_token(claims):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    header = {"alg": "RS256", "kid": "chaos-" + uuid.uuid4().hex[:8], "typ": "JWT"}
    enc = lambda o: base64.urlsafe_b64encode(json.dumps(o).encode()).rstrip(b"=")
    signing_input = enc(header) + b"." + enc(claims)
    signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return (signing_input + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()


def authz(system):
    status, body = http("GET", system.api + "/_local")
    routes = []
    for r in json.loads(body).get("routes", []):
        if r.get("authorizer", "NONE") != "NONE":
            method, path = r["route"].split(" ", 1)
            routes.append({"method": method, "path": path})
    desk_token = system.desk()["Authorization"].split(" ")[1]
    claims = json.loads(base64.urlsafe_b64decode(desk_token.split(".")[1] + "=="))
    now = int(time.time())
    tokens = {
        "no token": None,
        "garbage": "not.a.token",
        "wrong key": forged_token(claims),
        "wrong key, expired": forged_token({**claims, "exp": now - 3600, "iat": now - 7200}),
        "wrong issuer": forged_token({**claims, "iss": "https://evil.example"}),
        "wrong audience": forged_token({**claims, "aud": "another-client", "client_id": "another-client"}),
        "alg none": (base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=") + b"." +
                     base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=") + b".").decode(),
    }
    tried = refused = 0
    for r in routes:
        path = re.sub(r"\{[^}]+\}", "x", r["path"].replace("{code}", "000.00.92.H48-200302-0001"))
        for name, token in tokens.items():
            h = {} if token is None else {"Authorization": "Bearer " + token}
            status, _ = http(r["method"] if r["method"] != "ANY" else "GET", system.api + path, b"{}" if r["method"] == "POST" else None, h)
            tried += 1
            if status == 401:
                refused += 1
            else:
                row("authz", f"{r['method']} {r['path']} with {name}", 401, status, False)
    row("authz", f"{len(routes)} routes behind the authorizer x {len(tokens)} forged or missing tokens", f"{tried} x 401",
        f"{refused} x 401", tried == refused and tried > 0)
    # the desk's token on the office's routes
    desk = system.desk()
    for path in ("/reports/statistics?from=2026-01-01&to=2026-01-31", "/reports/tracking-book?from=2026-01-01&to=2026-01-31",
                 "/reports/scorecard?month=2026-01"):
        status, _ = http("GET", system.api + path, None, desk)
        row("authz", f"GET {path.split('?')[0]} with a desk token (wrong group)", 403, status, status == 403)


# ---------------------------------------------------------------- concurrency

def concurrency(system):
    desk = system.desk()
    tag = "conc-" + uuid.uuid4().hex[:6]
    with futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda i: intake(system, desk, i, tag), range(150)))
    codes = sorted(c for s, c in results if c)
    seqs = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    consecutive = len(seqs) == 150 and seqs == list(range(seqs[0], seqs[0] + 150))
    row("concurrency", "150 intakes at once", "150 distinct consecutive codes", f"{len(set(codes))} codes, consecutive: {consecutive}",
        consecutive and len(set(codes)) == 150)
    # racing desk actions: the same dossier withdrawn by 10 requests at once, each its own key: one winner
    code = codes[0]
    def withdraw(k):
        h = dict(desk)
        h["Idempotency-Key"] = f"race-{k}"
        return http("POST", f"{system.api}/dossiers/{code}/withdrawal", {"reason": "Công dân xin rút"}, h)[0]
    with futures.ThreadPoolExecutor(10) as pool:
        statuses = list(pool.map(withdraw, range(10)))
    row("concurrency", "10 racing withdrawals of one dossier", "one 200, nine 409", f"{statuses.count(200)} x 200, {statuses.count(409)} x 409",
        statuses.count(200) == 1 and statuses.count(409) == 9)


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(prog="infra/chaos/run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=4200, help="the API's port; the emulators take the next five (default 4200)")
    p.add_argument("--simulator-port", type=int, default=4300, help="the department simulator's port (default 4300)")
    p.add_argument("--data", default="/tmp/motcua-chaos-data", help="the local run's data directory (wiped at each fresh start)")
    p.add_argument("--dossiers", type=int, default=30, help="dossiers per crash run (default 30)")
    p.add_argument("--kill-after", type=int, default=10, help="kill -9 after this many intakes answered (default 10)")
    p.add_argument("--crash-runs", type=int, default=3, help="crash runs (default 3)")
    p.add_argument("--settle", type=int, default=420, help="seconds a crash run waits for everything to be accounted for (default 420)")
    p.add_argument("--start-timeout", type=int, default=900, help="seconds to wait for infra/run to come up (a first build included)")
    p.add_argument("--only", default="crash,down-up,replay,bad-input,authz,concurrency", help="comma-separated scenarios to run")
    p.add_argument("--table", help="also write the table (Markdown) to this file")
    args = p.parse_args()
    only = set(args.only.split(","))
    system = System(args)
    started = datetime.datetime.now(datetime.timezone.utc)
    try:
        if "crash" in only:
            for run in range(1, args.crash_runs + 1):
                crash(system, args, run)
        rest = only & {"down-up", "replay", "bad-input", "authz", "concurrency"}
        if rest:
            if "down-up" in rest:
                down_up(system, args)
            else:
                system.start(fresh=True)
            if "replay" in rest:
                replay(system)
            if "bad-input" in rest:
                bad_input(system)
            if "authz" in rest:
                authz(system)
            if "concurrency" in rest:
                concurrency(system)
    finally:
        system.stop()
    took = datetime.datetime.now(datetime.timezone.utc) - started
    lines = [f"Fault and security suite, {started:%Y-%m-%d %H:%M} UTC, {int(took.total_seconds())} s "
             f"({args.crash_runs if 'crash' in only else 0} crash runs of {args.dossiers} dossiers)", "",
             "| scenario | check | expected | got | |", "|---|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in ROWS]
    table = "\n".join(lines)
    print("\n" + table)
    if args.table:
        with open(args.table, "w") as f:
            f.write(table + "\n")
    sys.exit(0 if all(r[4] == "ok" for r in ROWS) else 1)


if __name__ == "__main__":
    main()

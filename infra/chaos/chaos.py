"""The fault and security suite of Một Cửa: runs the whole local system (infra/run, on its own ports and data
directory), crashes and attacks it, and prints one table. Every row says what was done, what was expected, what
happened; the run fails (exit 1) when a row fails.

Scenarios (issue 16):
  crash      kill -9 of the local run (its JVM and the emulators, one process group) in the middle of a flow of N
             dossiers, restart on the same data, send again what got no answer (same Idempotency-Key), then account
             for every dossier, department callback and notice from the store itself: lost must be 0; duplicate
             callbacks (same Idempotency-Key, allowed by the contract) are counted; a notice sent twice is a failure.
  down-up    a department down (503) while dossiers reach it, then up: every callback arrives.
  emulator   kill -9 of the Node.js emulator alone (DynamoDB, SES) in the middle of a flow: the local run starts it
             again; every dossier reaches its end, nothing lost.
  ses        SES refusing (503) while dossiers are received and decided, then accepting: every owed notice sent once.
  replay     the department endpoint: replayed, tampered, stale, unsigned, unknown-agency and wrong-key calls, and
             that the unsigned ones wrote nothing.
  bad-input  a corpus on POST /dossiers and on every other desk and public route (bodies, query strings, path
             parameters: sizes, types, unknown fields, Unicode, HTML, CSV formulas): refused with a small 4xx and nothing
             stored, or stored and escaped.
  authz      every route behind the JWT authorizer x no token, garbage, a token signed with our own key (wrong key;
             wrong issuer and audience signed with it too); every route x the desk, the office, no group, a group named
             'readonly,office', the office without TOTP: 403 for the wrong group.
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
MOTO_TOTP_KEY = "asdfasdfasdf"  # moto gives every user this authenticator key (infra/local/dev-users.json: totp)


def totp_code(key):
    """RFC 6238 (SHA-1, 30 s, 6 digits), never a code about to expire."""
    if 30 - time.time() % 30 < 2:
        time.sleep(2.2)
    secret = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
    digest = hmac.new(secret, (int(time.time()) // 30).to_bytes(8, "big"), hashlib.sha1).digest()
    o = digest[-1] & 15
    return "%06d" % ((int.from_bytes(digest[o:o + 4], "big") & 0x7FFFFFFF) % 1000000)


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

    # ---- sign-in, as the web app does it (USER_PASSWORD_AUTH, then the TOTP code when Cognito asks for one)
    def _cognito(self, target, body):
        return http("POST", self.moto + "/", body, {"x-amz-target": "AWSCognitoIdentityProviderService." + target,
                                                   "content-type": "application/x-amz-json-1.1"})

    def client_id(self):
        config = json.loads(http("GET", self.api + "/app/config.json")[1])
        return config.get("clientId") or config.get("cognito", {}).get("clientId")

    def token(self, user, password):
        client = self.client_id()
        status, body = self._cognito("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client,
                                                      "AuthParameters": {"USERNAME": user, "PASSWORD": password}})
        if status != 200:
            raise SystemExit(f"sign-in of {user} failed: {status} {body[:200]}")
        answer = json.loads(body)
        if answer.get("ChallengeName") == "SOFTWARE_TOKEN_MFA":
            status, body = self._cognito("RespondToAuthChallenge", {
                "ClientId": client, "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": answer["Session"],
                "ChallengeResponses": {"USERNAME": user, "SOFTWARE_TOKEN_MFA_CODE": totp_code(MOTO_TOTP_KEY)}})
            if status != 200:
                raise SystemExit(f"TOTP sign-in of {user} failed: {status} {body[:200]}")
            answer = json.loads(body)
        return answer["AuthenticationResult"]["IdToken"]

    def desk(self):
        return {"Authorization": "Bearer " + self.token("quay01@buudien.quangngai.vn", "Quay01-local")}

    def office(self):
        """The office's clerk with TOTP on (the office's rights need it): a token with the office group."""
        return {"Authorization": "Bearer " + self.token("vanphong01@quangngai.gov.vn", "Vanphong01-local")}

    def staff_in(self, email, groups):
        """A staff member made as an administrator would (AdminCreateUser, the groups, a permanent password)."""
        import boto3
        idp = boto3.client("cognito-idp", endpoint_url=self.moto, region_name="ap-southeast-1",
                           aws_access_key_id="local", aws_secret_access_key="local")
        pool = [p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]][0]
        password = "Chaos-" + uuid.uuid4().hex[:10] + "A1"
        try:
            idp.admin_create_user(UserPoolId=pool, Username=email, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}])
        except idp.exceptions.UsernameExistsException:
            pass
        idp.admin_set_user_password(UserPoolId=pool, Username=email, Password=password, Permanent=True)
        for g in groups:
            try:
                idp.create_group(UserPoolId=pool, GroupName=g)
            except idp.exceptions.GroupExistsException:
                pass
            idp.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName=g)
        return {"Authorization": "Bearer " + self.token(email, password)}

    def node_pid(self):
        """The local run's Node.js child (dynalite, aws-ses-v2-local), from /proc: a child of the JVM this suite started."""
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmdline = f.read()
            except OSError:
                continue
            if ppid == self.proc.pid and b"node-services.mjs" in cmdline:
                return int(pid)
        return None

    def ses_fault(self, refuse):
        return http("POST", self.ses + ("/_motcua/refuse" if refuse else "/_motcua/accept"), b"")[0]

    def mailbox(self):
        status, body = http("GET", self.ses + "/store")
        return json.loads(body).get("emails", []) if status == 200 else []

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


def mode_all(system, mode):
    """Every department simulated in this mode: auto-approve, manual, down."""
    for a in agencies(system):
        system.set_mode(a, mode)


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


def crash(system, args, run):
    tag = f"crash{run}-{uuid.uuid4().hex[:6]}"
    system.start(fresh=True)
    mode_all(system, "auto-approve")
    n, kill_after = args.dossiers, args.kill_after
    killed = []

    def kill9(answered):
        if not killed and answered >= kill_after:
            system.kill9()  # in the middle of the flow: intakes, routing, callbacks, answers, notices in flight
            killed.append(True)

    def restart():
        system.start(fresh=False)
        return system.desk()  # moto keeps nothing: a new sign-in

    codes, unanswered = send_all(system, system.desk(), n, tag, kill9, restart)
    result = settle(system, codes, args.settle)
    row(f"crash {run}", f"kill -9 after {kill_after} of {n} intakes, restart on the same data", f"{n} dossiers, lost 0",
        f"{len(codes)} dossiers, lost {len(result['lost'])}; {len(unanswered)} intakes sent again; owed work re-queued by the sweep "
        f"{log_events(system, 'watch.owed.requeued')}; duplicate callbacks {result['duplicateCallbacks']} (same key, allowed); "
        f"duplicate notices {result['duplicateNotices']}; still owed {result['owed']}",
        not result["lost"] and result["duplicateNotices"] == 0 and len(codes) == n)
    system.stop()
    return result


# ---------------------------------------------------------------- an emulator restarted; SES refusing then accepting

def send_all(system, desk, n, tag, on_answer=None, before_retry=None):
    """n intakes from 4 clerks at once (on_answer called with the count answered so far: the moment for a fault), then
    the ones that got no answer again with their key, as a clerk would (before_retry may restart and sign in again)."""
    answered = {}
    with futures.ThreadPoolExecutor(4) as pool:
        pending = {pool.submit(intake, system, desk, i, tag): i for i in range(n)}
        for f in futures.as_completed(pending):
            status, code = f.result()
            if code:
                answered[pending[f]] = code
            if on_answer:
                on_answer(len(answered))
    unanswered = [i for i in range(n) if i not in answered]
    if before_retry:
        desk = before_retry()
    for i in unanswered:
        # a key whose request died holding it answers 409 "in progress" until its lease (60 s) ends: the clerk tries again
        end = time.time() + 150
        while time.time() < end:
            status, code = intake(system, desk, i, tag)
            if code:
                answered[i] = code
                break
            time.sleep(5)
    return sorted(set(answered.values())), unanswered


def settle(system, codes, seconds):
    """Accounts for every dossier until none is missing anything, firing the deadline watch's sweep every 20 s."""
    end = time.time() + seconds
    result = account(system, codes)
    while time.time() < end and result["lost"]:
        system.sweep()  # the schedule runs every 5 minutes; a sweep now (owed work older than a minute goes again)
        time.sleep(20)
        result = account(system, codes)
    if result["lost"]:
        print("    not accounted for:", result["lost"][:10])
    return result


def log_events(system, event):
    """How often the local run logged this event since its last start."""
    system.log.flush()
    with open(system.log.name) as f:
        text = f.read()
    return text[text.rfind("==== "):].count(f'"event":"{event}"')


def emulator_restart(system, args):
    """kill -9 of the Node.js emulator alone (DynamoDB and SES) in the middle of a flow; the local run starts it again."""
    mode_all(system, "auto-approve")
    desk = system.desk()
    tag = "emu-" + uuid.uuid4().hex[:6]
    n = 10
    killed = []

    def kill_node(answered):
        if not killed and answered >= 3:
            pid = system.node_pid()
            if pid:
                os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    codes, unanswered = send_all(system, desk, n, tag, kill_node)
    result = settle(system, codes, args.settle)
    restarts = log_events(system, "local.emulator.restarted")
    row("emulator", f"the Node.js emulator (DynamoDB, SES) killed -9 after 3 of {n} intakes; the local run starts it again",
        f"{n} dossiers, lost 0, 1 restart",
        f"{len(codes)} dossiers, lost {len(result['lost'])}; restarts {restarts}; {len(unanswered)} intakes sent again; "
        f"duplicate notices {result['duplicateNotices']}; still owed {result['owed']}",
        killed and killed[0] and restarts >= 1 and not result["lost"] and result["duplicateNotices"] == 0 and len(codes) == n)
    mode_all(system, "manual")


def ses_refusing(system, args):
    """SES answers 503 while dossiers are received and decided, then accepts: every owed notice sent once."""
    mode_all(system, "auto-approve")
    desk = system.desk()
    tag = "ses-" + uuid.uuid4().hex[:6]
    n = 5
    refused = system.ses_fault(True)
    codes, _ = send_all(system, desk, n, tag)
    time.sleep(40)  # the notifier tries, SES refuses, the messages are retried and fail again
    mine = lambda: [m for m in system.mailbox() if any(tag in (t or "") for t in m.get("destination", {}).get("to", []))]
    while_refusing = len(mine())
    accepted = system.ses_fault(False)
    result = settle(system, codes, args.settle)
    mails = mine()
    seen = {}
    for m in mails:
        key = (tuple(m.get("destination", {}).get("to", [])), m.get("subject"))
        seen[key] = seen.get(key, 0) + 1
    twice = sum(c - 1 for c in seen.values())
    row("ses", f"SES refusing (503) while {n} dossiers are received and decided, then accepting",
        f"0 sent while refusing; then {2 * n} notices, each sent once",
        f"{while_refusing} sent while refusing; {len(mails)} emails, {twice} twice; lost {len(result['lost'])}; "
        f"owed work re-queued by the sweep {log_events(system, 'watch.owed.requeued')}",
        refused == 204 and accepted == 204 and while_refusing == 0 and len(mails) >= 2 * n and twice == 0
        and not result["lost"] and result["duplicateNotices"] == 0)
    mode_all(system, "manual")


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


# ---------------------------------------------------------------- bad input on every other route

HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>"
FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"
CONTROL = "Nguyễn\u0000\u0007\u202e"
LONG = "A" * 10000
UNICODE = "Z\u0351\u0351\u0351\u0351 \U0001F4A9 \ufeff \ud7ff"


def keys(system):
    return {(i["pk"]["S"], i.get("sk", {}).get("S", "")) for i in system.items()}


def generic_bodies():
    many = {f"x{k}": 1 for k in range(4000)}
    return [("empty body", b"", 400), ("not JSON", b"{\"a\": ", 400), ("a JSON array", b"[]", 400),
            ("JSON null", b"null", 400), ("70 KB body", b"{\"pad\":\"" + b"a" * 70000 + b"\"}", 413),
            ("4,000 unknown fields", many, 400)]


def refused(status, expected, size):
    if expected == 413:
        return status == 413 and size < 20000
    return 400 <= status < 500 and status not in (401, 403) and size < 20000


def bad_input_routes(system):
    """Every desk route other than POST /dossiers, and the public ones: bodies, query strings, path parameters."""
    desk, office = system.desk(), system.office()
    tag = "routes-" + uuid.uuid4().hex[:6]
    h = dict(desk)
    h["Idempotency-Key"] = tag
    status, answer = http("POST", system.api + "/dossiers", sample_body(0, tag), h)
    if status not in (200, 201):
        row("bad-input", "a dossier to attack", "201", status, False)
        return
    code = json.loads(answer)["code"]
    secret = re.search(r'"lookupSecret"\s*:\s*"([^"]+)"', answer)
    secret = secret.group(1) if secret else "NOSECRET"
    time.sleep(10)  # routed and dispatched (the departments answer by hand here): nothing else moves
    before = keys(system)
    dossier_before = json.loads(http("GET", f"{system.api}/dossiers/{code}", None, desk)[1])
    tried = ok_count = 0
    refusal = json.loads(json.load(open(os.path.join(PROJECT, "events", "intake-refusal-post.json")))["body"])
    bodies = {
        "/dossiers/refusals": [
            ("name as a number", {**refusal, "applicant": {**refusal["applicant"], "name": 42}}),
            ("a 10,000-character name", {**refusal, "applicant": {**refusal["applicant"], "name": LONG}}),
            ("control characters in the name", {**refusal, "applicant": {**refusal["applicant"], "name": CONTROL}}),
            ("HTML as the name", {**refusal, "applicant": {**refusal["applicant"], "name": HTML}}),
            ("reasons as text", {**refusal, "reasons": "all"}),
            ("no reasons", {**refusal, "reasons": []}),
            ("a 10,000-character reason", {**refusal, "reasons": [LONG]}),
            ("10,000 reasons", {**refusal, "reasons": ["x"] * 10000}),
            ("procedure unknown", {**refusal, "procedureCode": "9.999999"}),
        ],
        f"/dossiers/{code}/documents": [
            ("size negative", {"fileName": "a.pdf", "contentType": "application/pdf", "size": -1}),
            ("size 1 TB", {"fileName": "a.pdf", "contentType": "application/pdf", "size": 10 ** 12}),
            ("size as text", {"fileName": "a.pdf", "contentType": "application/pdf", "size": "big"}),
            ("an HTML page", {"fileName": "a.html", "contentType": "text/html", "size": 100}),
            ("a program", {"fileName": "a.exe", "contentType": "application/x-msdownload", "size": 100}),
            ("a path as the name", {"fileName": "../../etc/passwd", "contentType": "application/pdf", "size": 100}),
            ("a 10,000-character name", {"fileName": LONG + ".pdf", "contentType": "application/pdf", "size": 100}),
            ("control characters in the name", {"fileName": CONTROL + ".pdf", "contentType": "application/pdf", "size": 100}),
        ],
        f"/dossiers/{code}/fee-paid": [
            ("amount negative", {"amountVnd": -1, "receiptNumber": "0000123"}),
            ("amount as text", {"amountVnd": "200000", "receiptNumber": "0000123"}),
            ("amount 10^30", {"amountVnd": 10 ** 30, "receiptNumber": "0000123"}),
            ("amount with decimals", {"amountVnd": 1.5, "receiptNumber": "0000123"}),
            ("HTML as the receipt number", {"amountVnd": 200000, "receiptNumber": HTML}),
            ("a CSV formula as the receipt number", {"amountVnd": 200000, "receiptNumber": FORMULA}),
            ("a 10,000-character receipt number", {"amountVnd": 200000, "receiptNumber": LONG}),
        ],
        f"/dossiers/{code}/returned": [
            ("unknown method", {"method": HTML}),
            ("HTML as the tracking number", {"method": "by_post", "trackingNumber": HTML}),
            ("collector as text", {"method": "at_desk", "collector": "me"}),
            ("HTML as the collector", {"method": "at_desk", "collector": {"name": HTML, "idNumber": "051190001234"}}),
            ("letters as the collector's id", {"method": "at_desk", "collector": {"name": "Nguyễn Văn A", "idNumber": "ABCDEFGHIJKL"}}),
            ("a 10,000-character collector", {"method": "at_desk", "collector": {"name": LONG, "idNumber": "051190001234"}}),
        ],
        f"/dossiers/{code}/delivered": [
            ("an impossible date", {"deliveredOn": "2026-13-45"}),
            ("HTML as the date", {"deliveredOn": HTML}),
            ("the year 99999", {"deliveredOn": "99999-01-01"}),
            ("a date as a number", {"deliveredOn": 20261203}),
        ],
        f"/dossiers/{code}/supplement-received": [],
        f"/dossiers/{code}/withdrawal": [
            ("a 10,000-character reason", {"reason": LONG}),
            ("reason as a number", {"reason": 42}),
            ("no reason", {"reason": "   "}),
        ],
        f"/public/dossiers/{code}/rating": [
            ("score 6", {"score": 6, "comment": "x"}),
            ("score as text", {"score": "5", "comment": "x"}),
            ("score -1", {"score": -1}),
            ("a 10,000-character comment", {"score": 5, "comment": LONG}),
            ("comment as an object", {"score": 5, "comment": {"a": 1}}),
        ],
    }
    for route, specific in bodies.items():
        public = route.startswith("/public/")
        for name, body, *expected in [(n, b, e) for n, b, e in generic_bodies()] + [(n, b, 400) for n, b in specific]:
            hh = {"x-lookup-secret": secret} if public else dict(desk)
            hh["Idempotency-Key"] = "bad-" + uuid.uuid4().hex
            status, answer = http("POST", system.api + route, body, hh)
            tried += 1
            good = refused(status, expected[0], len(answer))
            ok_count += good
            if not good:
                row("bad-input", f"POST {route.replace(code, '{code}')}: {name}", f"4xx, < 20 KB", f"{status}, {len(answer)} B: {answer[:120]}", False)
    # query strings and path parameters: refused, or answered without the input showing unescaped
    gets = [
        ("/dossiers?limit=-1", desk), ("/dossiers?limit=100000", desk), ("/dossiers?limit=abc", desk),
        ("/dossiers?state=" + urlq(HTML), desk), ("/dossiers?agency=" + urlq("' OR 1=1 --"), desk),
        ("/dossiers?q=" + urlq(LONG), desk), ("/dossiers?q=" + urlq(UNICODE), desk), ("/dossiers?q=" + urlq(HTML), desk),
        ("/dossiers?cursor=" + urlq("eyJub3QiOiJhIGN1cnNvciJ9"), desk), ("/dossiers?cursor=" + urlq(LONG), desk),
        ("/worklist?limit=-5", desk), ("/worklist?view=" + urlq(HTML), desk), ("/worklist?q=" + urlq(LONG), desk),
        ("/reports/statistics?from=abc&to=2026-01-31", office), ("/reports/statistics?from=2026-02-01&to=2026-01-01", office),
        ("/reports/statistics?from=1900-01-01&to=2999-12-31", office), ("/reports/statistics?from=" + urlq(HTML) + "&to=2026-01-31", office),
        ("/reports/tracking-book?from=2026-01-01&to=2026-01-31&format=" + urlq(HTML), office),
        ("/reports/tracking-book?from=2026-01-01&to=2026-01-31&format=xlsx", office),
        ("/reports/tracking-book?from=2026-01-01&to=2026-01-31&agency=" + urlq("../../x"), office),
        (f"/dossiers/{code}/forms/" + urlq("../../etc/passwd"), desk), (f"/dossiers/{code}/forms/" + urlq(HTML), desk),
        (f"/dossiers/{code}/forms/99", desk), ("/dossiers/" + urlq(HTML) + "/forms/01", desk),
        ("/dossiers/" + urlq(LONG), desk), ("/dossiers/" + urlq("000.00.92.H48-261203-0001' OR '1'='1"), desk),
        (f"/dossiers/{code}/documents/" + urlq("../../../etc/passwd") + "/link", desk), (f"/dossiers/{code}/documents/" + urlq(HTML) + "/link", desk),
        ("/catalog?procedure=" + urlq(HTML), desk),
        ("/public/dossiers/" + urlq(HTML), {"x-lookup-secret": secret}), ("/public/dossiers/" + urlq(LONG), {"x-lookup-secret": secret}),
        (f"/public/dossiers/{code}", {"x-lookup-secret": LONG}), (f"/public/dossiers/{code}", {"x-lookup-secret": HTML}),
        (f"/public/dossiers/{code}?secret={secret}", {}),
    ]
    for path, hh in gets:
        status, answer = http("GET", system.api + path, None, hh)
        tried += 1
        raw = "<script" in answer or "<img" in answer  # as markup; JSON's \u003C escapes are data
        good = (refused(status, 400, len(answer)) or status == 200) and not raw and status < 500
        ok_count += good
        if not good:
            row("bad-input", f"GET {path.replace(code, '{code}')[:90]}", "4xx or 200, escaped", f"{status}, {len(answer)} B{', raw HTML' if raw else ''}", False)
    after = keys(system)
    written = sorted(after - before)
    dossier_after = json.loads(http("GET", f"{system.api}/dossiers/{code}", None, desk)[1])
    row("bad-input", "bodies, query strings and path parameters on every other route", f"{tried} refused (4xx, < 20 KB) or answered escaped",
        f"{ok_count} of {tried}", ok_count == tried)
    row("bad-input", "records written by them; the attacked dossier changed", "0; no",
        f"{len(written)} {[k[0][:40] for k in written[:3]]}; {'yes' if dossier_after != dossier_before else 'no'}",
        not written and dossier_after == dossier_before)
    # accepted and shown escaped: HTML and a CSV formula as a withdrawal reason (free text), on the five printed forms
    hh = dict(desk)
    hh["Idempotency-Key"] = "bad-" + uuid.uuid4().hex
    status, answer = http("POST", f"{system.api}/dossiers/{code}/withdrawal", {"reason": HTML + " " + FORMULA}, hh)
    shown = [http("GET", f"{system.api}/dossiers/{code}/forms/{f:02d}", None, desk)[1] for f in range(1, 6)]
    raw = any("<script>" in page or "<img src=x" in page for page in shown)
    row("bad-input", "HTML and a CSV formula as a withdrawal reason", "refused, or escaped on every form",
        f"{status}; {'raw' if raw else 'escaped'} on the 5 forms", (400 <= status < 500 or status == 200) and not raw)


def urlq(text):
    import urllib.parse
    return urllib.parse.quote(text, safe="")


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
    # the wrong group on every route: who may call what is the functions' own check (403), after the authorizer's
    stamp = uuid.uuid4().hex[:6]
    people = {
        "desk": system.desk(),
        "office": system.office(),
        "no group": system.staff_in(f"chaos-nogroup-{stamp}@example.vn", []),
        "group 'readonly,office'": system.staff_in(f"chaos-readonly-{stamp}@example.vn", ["readonly,office"]),
        "office without TOTP": {"Authorization": "Bearer " + system.token("vanphong02@quangngai.gov.vn", "Vanphong02-local")},
    }
    tried = right = 0
    for r in routes:
        path = re.sub(r"\{[^}]+\}", "x", r["path"].replace("{code}", "000.00.92.H48-200302-0001").replace("{form}", "01"))
        if r["path"].startswith("/reports/"):
            path += "?from=2026-01-01&to=2026-01-31"
        reads = r["method"] == "GET" and (r["path"] == "/catalog" or (r["path"].startswith(("/dossiers", "/worklist")) and "/documents/" not in r["path"]))
        allowed = {"office"} if r["path"].startswith("/reports/") else {"desk", "office"} if reads else {"desk"}
        for who, h in people.items():
            h = {**h, "Idempotency-Key": "authz-" + uuid.uuid4().hex}
            status, _ = http(r["method"], system.api + path, b"{}" if r["method"] == "POST" else None, h)
            tried += 1
            good = status not in (401, 403) if who in allowed else status == 403
            right += good
            if not good:
                row("authz", f"{r['method']} {r['path']} with {who}", "allowed" if who in allowed else 403, status, False)
    row("authz", f"{len(routes)} routes x {len(people)} staff (desk, office, no group, 'readonly,office', office without TOTP)",
        f"{tried}: 403 for the wrong group, through for the right one", f"{right} as expected", tried == right and tried > 0)


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
    p.add_argument("--only", default="crash,down-up,emulator,ses,replay,bad-input,authz,concurrency", help="comma-separated scenarios to run")
    p.add_argument("--table", help="also write the table (Markdown) to this file")
    args = p.parse_args()
    only = set(args.only.split(","))
    system = System(args)
    started = datetime.datetime.now(datetime.timezone.utc)
    try:
        if "crash" in only:
            for run in range(1, args.crash_runs + 1):
                crash(system, args, run)
        rest = only & {"down-up", "emulator", "ses", "replay", "bad-input", "authz", "concurrency"}
        if rest:
            if "down-up" in rest:
                down_up(system, args)
            else:
                system.start(fresh=True)
            if "emulator" in rest:
                emulator_restart(system, args)
            if "ses" in rest:
                ses_refusing(system, args)
            if "replay" in rest:
                replay(system)
            if "bad-input" in rest:
                bad_input(system)
                bad_input_routes(system)
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

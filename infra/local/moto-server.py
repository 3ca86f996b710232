# moto's server for the local AWS stack: Cognito user pools, SSM Parameter Store and SNS (the SMS notices).
# Started by vn.motcua.local.stack.MotoServer; usable by hand too:
#   python3 infra/local/moto-server.py [--host 127.0.0.1] [--port N]
# Prints ONE JSON line when it listens: {"port":PORT,"pid":PID} (or {"error":"..."} and exit 1).
# Exits when stdin closes, so it never outlives the process that started it, even one killed with
# SIGKILL (the same contract as node-services.mjs), and on SIGTERM / SIGINT.
#
# Why not `python3 -m moto.server -p PORT`: that one needs its port chosen before it starts (a race
# with other processes for a free port) and outlives a JVM killed with SIGKILL. This file only binds
# moto's own WSGI application (what moto.server and moto's ThreadedMotoServer serve) and adds both.
import argparse
import json
import os
import signal
import sys
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=0)
args = parser.parse_args()


def fail(message):
    sys.stdout.write(json.dumps({"error": message}) + "\n")
    sys.stdout.flush()
    sys.exit(1)


try:
    from werkzeug.serving import make_server
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    import moto
except ImportError as e:
    fail("moto's server cannot be imported (%s): pip install 'moto[server]==5.2.1'" % e)

try:
    server = make_server(args.host, args.port, DomainDispatcherApplication(create_backend_app), threaded=True)
except OSError as e:
    fail("moto (Cognito, SSM): cannot listen on %s:%d: %s" % (args.host, args.port, e.strerror or e))

# moto builds some URLs from MOTO_PORT (as its own server sets it); read when requests arrive.
os.environ["MOTO_PORT"] = str(server.server_port)


def stop(*_):
    # Hard exit: serve_forever's threads hold nothing worth flushing (moto keeps its state in memory).
    os._exit(0)


def watch_stdin():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except Exception:
        pass
    stop()


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
sys.stdout.write(json.dumps({"port": server.server_port, "pid": os.getpid(), "moto": moto.__version__}) + "\n")
sys.stdout.flush()
server.serve_forever()

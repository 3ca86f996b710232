// The npm-side emulators of the local AWS stack, in one Node.js process:
//   dynalite (DynamoDB) and aws-ses-v2-local (SES v2, mail readable at GET /store).
// Started by vn.motcua.local.stack.LocalAwsStack; usable by hand too:
//   node infra/local/node-services.mjs [--dynamodb-port N] [--ses-port N] [--dynamodb-dir DIR]
// Prints ONE JSON line when both listen: {"dynamodb":PORT,"ses":PORT,"pid":PID}
// (or {"error":"..."} and exit 1). A fault for the fault suite (infra/chaos): POST /_motcua/refuse on the SES
// port makes SES answer every call 503 (the mailbox at /store still answers) until POST /_motcua/accept. Exits when stdin closes, so it never outlives the process that
// started it, even one killed with SIGKILL, and on SIGTERM / SIGINT.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(import.meta.url);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = option('host', '127.0.0.1');
const dynamoPort = Number(option('dynamodb-port', '0'));
const sesPort = Number(option('ses-port', '0'));
const dynamoDir = option('dynamodb-dir', '');

function fail(message) {
  process.stdout.write(JSON.stringify({ error: message }) + '\n');
  process.exit(1);
}

function listen(server, port, name) {
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(
      e.code === 'EADDRINUSE' ? `${name}: port ${port} on ${host} is already in use` : `${name}: ${e.message}`)));
    server.listen(port, host, () => resolve(server.address().port));
  });
}

// SES refusing then accepting, on request: the notifier's retries and the outbox's sweep are what must cope.
function refuseOnRequest(server) {
  const handlers = server.listeners('request');
  let refusing = false;
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    const path = (req.url || '').split('?')[0];
    if (req.method === 'POST' && (path === '/_motcua/refuse' || path === '/_motcua/accept')) {
      refusing = path === '/_motcua/refuse';
      process.stderr.write(`SES: ${refusing ? 'refusing every call (503)' : 'accepting again'}\n`);
      res.writeHead(204).end();
    } else if (refusing && path !== '/store') {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'Service unavailable (refusing on purpose: POST /_motcua/accept)' }));
    } else {
      for (const h of handlers) h.call(server, req, res);
    }
  });
}

let dynamoServer;
let sesServer;
let stopping = false;

function stop(code) {
  if (stopping) return;
  stopping = true;
  // Hard deadline: never linger because a client holds a keep-alive connection.
  setTimeout(() => process.exit(code), 2000).unref();
  for (const s of [sesServer, dynamoServer]) {
    if (s && typeof s.closeAllConnections === 'function') s.closeAllConnections();
  }
  const closing = [sesServer, dynamoServer].filter(Boolean).map((s) => new Promise((r) => s.close(() => r())));
  // dynalite's close also closes its LevelDB store, flushing it to disk
  Promise.all(closing).finally(() => process.exit(code));
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.stdin.on('end', () => stop(0));
process.stdin.on('close', () => stop(0));
process.stdin.on('error', () => stop(0));
process.stdin.resume();

try {
  const dynalite = require('dynalite');
  const ses = require('aws-ses-v2-local');
  const startSes = ses.default || ses;

  if (dynamoDir) mkdirSync(dynamoDir, { recursive: true });
  // Tables are ACTIVE at once: no client here waits through a fake CREATING phase.
  dynamoServer = dynalite({
    path: dynamoDir || undefined,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynamodb = await listen(dynamoServer, dynamoPort, 'DynamoDB (dynalite)');

  // aws-ses-v2-local listens itself and resolves once its server listens or failed to (Express
  // calls the listen callback either way): a server that is not listening could not take the port.
  sesServer = await startSes({ host, port: sesPort });
  if (!sesServer.listening) {
    throw new Error(`SES (aws-ses-v2-local): cannot listen on ${host}:${sesPort}; is the port already in use?`);
  }
  refuseOnRequest(sesServer);
  const sesAddress = sesServer.address();
  process.stdout.write(JSON.stringify({ dynamodb, ses: sesAddress.port, pid: process.pid }) + '\n');
} catch (e) {
  fail(e && e.message ? e.message : String(e));
}

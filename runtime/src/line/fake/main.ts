// `npm run fake-line`: the fake LINE platform as its own development process, so its inboxes
// outlive a killed runtime. Never part of a production start.
//
//   FAKE_LINE_SECRET        required: the x-fake-line-secret every /fake-line/... request must carry
//   FAKE_LINE_RUNTIME_URL   the runtime it serves: webhooks go only to that origin (required)
//   FAKE_LINE_PORT / _HOST  where it listens (default 0 = a free port, 127.0.0.1)
//
// Prints `fake-line <url>` once listening; SIGTERM or Ctrl-C stops it.
import { startFakeLineServer } from './server.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const fail = (problem: string, fix: string) => {
  process.stderr.write(`error: ${problem}. Fix: ${fix}.\n`);
  process.exit(1);
};

const secret = process.env.FAKE_LINE_SECRET ?? '';
const runtimeUrl = process.env.FAKE_LINE_RUNTIME_URL ?? '';
const port = Number(process.env.FAKE_LINE_PORT ?? 0);
if (secret.length < 16) fail('FAKE_LINE_SECRET is missing or shorter than 16 characters', 'set FAKE_LINE_SECRET to a random string the runtime also gets');
if (!/^https?:\/\/[^/]+/.test(runtimeUrl)) fail('FAKE_LINE_RUNTIME_URL is missing or not an http(s) URL', 'set it to the runtime this fake serves, e.g. http://127.0.0.1:3000');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('FAKE_LINE_PORT is invalid', 'set FAKE_LINE_PORT to a port number');

const server = await startFakeLineServer({
  port,
  host: process.env.FAKE_LINE_HOST ?? '127.0.0.1',
  controlSecret: secret,
  webhookOrigin: new URL(runtimeUrl).origin,
  requestLogSize: Number(process.env.FAKE_LINE_REQUEST_LOG ?? 10_000),
});
say(`fake-line ${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

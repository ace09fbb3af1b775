import net from 'node:net';

// LINE's side of the ingest bench: its webhook POSTs, on this machine's CPU only because the bench
// runs here. Each request's bytes are written before the clock starts, and each of `concurrency`
// keep-alive connections writes one and reads its answer, the status line and the body its
// Content-Length names, with nothing else parsed: what load generators (wrk, autocannon) do, so
// that the CPU the runtime gets is not spent on a full HTTP client's bookkeeping.

/** A POST's bytes: request line, headers and the signed body. */
export function postBytes(origin: URL, path: string, headers: Record<string, string>, body: string): Buffer {
  const payload = Buffer.from(body, 'utf8');
  const head = [`POST ${path} HTTP/1.1`, `Host: ${origin.host}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${payload.length}`, '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
}

/**
 * Sends every request until each is answered 200, as LINE redelivers what was not (an error
 * status, a closed connection). Returns how often each kind of failure happened.
 */
export async function postAll(origin: URL, requests: readonly Buffer[], concurrency: number): Promise<Record<string, number>> {
  const failures: Record<string, number> = {};
  const fail = (kind: string) => { failures[kind] = (failures[kind] ?? 0) + 1; };
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    let connection: Connection | undefined;
    while (next < requests.length) {
      const request = requests[next++]!;
      for (;;) {
        connection ??= await Connection.open(origin);
        const status = await connection.exchange(request).catch((error: NodeJS.ErrnoException) => error.code ?? error.message);
        if (status === 200) break;
        fail(typeof status === 'number' ? `status ${status}` : status);
        if (typeof status !== 'number') connection = undefined;
      }
    }
    connection?.close();
  }));
  return failures;
}

const HEADERS_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection with at most one request in flight. */
class Connection {
  private received: Buffer = Buffer.alloc(0);
  private closed = false;
  private waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length ? Buffer.concat([this.received, chunk]) : chunk;
      this.answer();
    });
    const lost = (error?: Error) => this.waiting?.reject(error ?? Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }));
    socket.on('error', lost);
    socket.on('close', () => {
      this.closed = true;
      lost();
    });
  }

  static open(origin: URL): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(origin.port), origin.hostname, () => resolve(new Connection(socket)));
      socket.once('error', reject);
    });
  }

  exchange(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }));
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.end();
  }

  /** Settles the request in flight once its whole answer has arrived. */
  private answer(): void {
    const headersEnd = this.received.indexOf(HEADERS_END);
    if (headersEnd < 0 || !this.waiting) return;
    const head = this.received.toString('latin1', 0, headersEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const end = headersEnd + HEADERS_END.length + length;
    if (this.received.length < end) return;
    this.received = this.received.subarray(end);
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve(Number(head.slice(9, 12)));
  }
}

/**
 * The fan-out bench's viewers, in their own process (forked by bench/fanout.ts) so that parsing N streams does
 * not share an event loop with the bench's clock. Raw http.get streams; a frame is complete at a blank line;
 * only `event:` names are looked at. Commands come over IPC:
 *   {cmd: "connect", url, n, stalled, concurrency}  → {connected, failed, compressed, ms, stalled}   (connected = the
 *                                            first frame arrived; a compressed stream counts as failed: the bench reads
 *                                            plain frames; `stalled` more streams stop reading after their first frame
 *                                            and are not waited for)
 *   {cmd: "wait", event, k, timeoutMs}     → {times, frameBytes}      (arrival time of the k-th `event` frame on each stream)
 *   {cmd: "close"}                         → exits
 * Times are performance.timeOrigin + performance.now(): comparable with the parent's on one machine.
 */
import http from "node:http";

interface Conn {
  req: http.ClientRequest;
  buf: string;
  /** Per event name: arrival times of its frames, in order. */
  seen: Map<string, number[]>;
}

const conns: Conn[] = [];
const frameBytes = new Map<string, number>();
const waiters = new Set<() => void>();
/** Per event name: how many streams have received their k-th such frame (index k - 1). */
const counts = new Map<string, number[]>();
let compressed = 0;
const clock = () => performance.timeOrigin + performance.now();

const stalledConns: http.ClientRequest[] = [];

/** A viewer that stops reading after its first chunk: a phone gone dead with the connection still open. */
function openStalled(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
      res.once("data", () => {
        res.pause();
        resolve(res.statusCode === 200);
      });
    });
    req.on("error", () => resolve(false));
    stalledConns.push(req);
  });
}

function open(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    let first = true;
    const conn: Conn = { req: null as unknown as http.ClientRequest, buf: "", seen: new Map() };
    // The headers a browser's EventSource sends: a server that compressed the stream would show here.
    conn.req = http.get(
      url,
      { agent: false, headers: { accept: "text/event-stream", "accept-encoding": "gzip, deflate, br" } },
      (res) => {
        if (res.statusCode !== 200 || res.headers["content-encoding"]) {
          if (res.headers["content-encoding"]) compressed++;
          res.resume();
          resolve(false);
          return;
        }
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          const at = clock();
          conn.buf += chunk;
          let end: number;
          while ((end = conn.buf.indexOf("\n\n")) >= 0) {
            const frame = conn.buf.slice(0, end);
            conn.buf = conn.buf.slice(end + 2);
            const m = /^event: (.+)$/m.exec(frame);
            const name = m ? m[1]! : "message";
            if (!frame.includes("\ndata: ") && !frame.startsWith("data: ")) continue; // retry:, comments (heartbeats)
            let list = conn.seen.get(name);
            if (!list) conn.seen.set(name, (list = []));
            list.push(at);
            let c = counts.get(name);
            if (!c) counts.set(name, (c = []));
            c[list.length - 1] = (c[list.length - 1] ?? 0) + 1;
            if (!frameBytes.has(name)) frameBytes.set(name, Buffer.byteLength(frame) + 2);
            if (first) {
              first = false;
              conns.push(conn);
              resolve(true);
            }
            if (waiters.size) waiters.forEach((w) => w());
          }
        });
        res.on("error", () => {});
      },
    );
    conn.req.on("error", () => resolve(false));
  });
}

async function connect(url: string, n: number, concurrency: number, stalled: number) {
  const t0 = clock();
  let next = 0;
  let connected = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        next++;
        if (await open(url)) connected++;
        else failed++;
      }
    }),
  );
  const ms = clock() - t0;
  let stalledOk = 0;
  for (let i = 0; i < stalled; i++) if (await openStalled(url)) stalledOk++;
  return { connected, failed, compressed, ms, stalled: stalledOk };
}

function wait(event: string, k: number, timeoutMs: number) {
  return new Promise<{ times: number[]; missing: number; frameBytes: number }>((resolve) => {
    const check = (force = false) => {
      if (!force && (counts.get(event)?.[k - 1] ?? 0) < conns.length) return;
      const times = conns.map((c) => c.seen.get(event)?.[k - 1]).filter((t): t is number => t !== undefined);
      waiters.delete(check);
      clearTimeout(timer);
      resolve({ times, missing: conns.length - times.length, frameBytes: frameBytes.get(event) ?? 0 });
    };
    const timer = setTimeout(() => check(true), timeoutMs);
    waiters.add(check);
    check();
  });
}

process.on(
  "message",
  async (msg: {
    cmd: string;
    url?: string;
    n?: number;
    stalled?: number;
    concurrency?: number;
    event?: string;
    k?: number;
    timeoutMs?: number;
  }) => {
    if (msg.cmd === "connect") process.send!(await connect(msg.url!, msg.n!, msg.concurrency ?? 100, msg.stalled ?? 0));
    else if (msg.cmd === "wait") process.send!(await wait(msg.event!, msg.k!, msg.timeoutMs ?? 10_000));
    else if (msg.cmd === "close") {
      for (const c of conns) c.req.destroy();
      for (const r of stalledConns) r.destroy();
      process.exit(0);
    }
  },
);
process.send!({ ready: true });

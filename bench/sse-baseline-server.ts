/**
 * The fan-out bench's baseline: a bare Node http server streaming Server-Sent Events, nothing else.
 * GET /events holds a stream open (a first frame at once, a heartbeat every 15 s like the app);
 * POST /broadcast?event=pinned&bytes=N writes one frame of N bytes to every open stream, then answers 204.
 * Usage (forked by bench/fanout.ts): node bench/sse-baseline-server.ts <port>   (prints "listening" when ready)
 */
import http from "node:http";

const port = Number(process.argv[2]);
const clients = new Set<http.ServerResponse>();
let id = 0;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "GET" && url.pathname === "/events") {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
    });
    res.write(`retry: 2000\n\nid: ${id}\nevent: snapshot\ndata: {}\n\n`);
    clients.add(res);
    const heartbeat = setInterval(() => res.write(": ping\n\n"), 15_000);
    req.on("close", () => {
      clearInterval(heartbeat);
      clients.delete(res);
    });
    return;
  }
  if (req.method === "POST" && url.pathname === "/broadcast") {
    const event = url.searchParams.get("event") ?? "message";
    const bytes = Number(url.searchParams.get("bytes") ?? 100);
    const head = `id: ${++id}\nevent: ${event}\ndata: "`;
    const frame = head + "x".repeat(Math.max(0, bytes - head.length - 3)) + `"\n\n`;
    for (const c of clients) c.write(frame);
    res.writeHead(204).end();
    return;
  }
  res.writeHead(404).end();
});
server.listen(port, "127.0.0.1", () => console.log("listening"));

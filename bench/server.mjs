// The canned OpenRouter stand-in of the benchmark, run as its own child process (forked by run.mjs) so
// that it never shares an event loop, or a garbage collector, with the client being measured.
// Loopback only. It reads each request body to the end and answers the two operations with a fixed
// 200 JSON body; anything else gets a 404. It reports its port to the parent over IPC, and counts
// the requests it answered per path (sent back on the "stats" message).
import { createServer } from "node:http";

const bodies = {
  "/auth/keys/code": JSON.stringify({
    data: { id: "auth_code_xyz789", app_id: 12345, created_at: "2025-08-24T10:30:00Z" },
  }),
  "/auth/keys": JSON.stringify({ key: "sk-or-v1-abc", user_id: "user_1" }),
};
const PREFIX = "/api/v1";
const counts = { "/auth/keys/code": 0, "/auth/keys": 0, other: 0 };

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const path = req.url?.startsWith(PREFIX) ? req.url.slice(PREFIX.length) : "";
  const body = req.method === "POST" ? bodies[path] : undefined;
  req.resume();
  req.on("end", () => {
    if (body === undefined) {
      counts.other++;
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":404,"message":"Not Found"}}');
      return;
    }
    counts[path]++;
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: server.address().port });
});
process.on("message", (message) => {
  if (message === "stats") process.send?.({ counts });
  if (message === "close") server.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));

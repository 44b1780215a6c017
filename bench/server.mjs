// The canned OpenRouter of `npm run bench`, forked by run.mjs so that it shares neither the event loop nor the
// garbage collector of the client measured. Loopback only: it reads each request body to the end and answers
// the two operations with a fixed 200 JSON body, anything else with a 404; it sends its port to the parent
// and, on "stats", the requests it answered per path.
import { createServer } from "node:http";

const bodies = {
  "/api/v1/auth/keys/code": JSON.stringify({
    data: { id: "auth_code_xyz789", app_id: 12345, created_at: "2025-08-24T10:30:00Z" },
  }),
  "/api/v1/auth/keys": JSON.stringify({ key: "sk-or-v1-abc", user_id: "user_1" }),
};
const counts = { "/api/v1/auth/keys/code": 0, "/api/v1/auth/keys": 0, other: 0 };

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const body = req.method === "POST" ? bodies[req.url] : undefined;
  req.resume();
  req.on("end", () => {
    if (body === undefined) {
      counts.other++;
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":404,"message":"Not Found"}}');
      return;
    }
    counts[req.url]++;
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("message", (message) => {
  if (message === "stats") process.send?.({ counts });
  if (message === "close") server.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));

// Preload for running the documentation seeds against the local Prism mock:
//
//   SEED_MOCK_URL=http://127.0.0.1:4010 node --import tsx --import ./test/seeds/support/redirect-fetch.mjs test/seeds/x.ts
//
// The seeds hardcode no server URL, so the SDK calls its default https://openrouter.ai/api/v1. This
// wraps globalThis.fetch to send those requests to SEED_MOCK_URL instead, and refuses every other
// request that does not go to a loopback address: a seed run can never reach the internet. As a second
// line of defence, TCP connections (net/tls, which fetch and http use underneath) to non-loopback hosts
// are refused too. Each redirected request is reported on stderr as
//   [redirect-fetch] POST https://openrouter.ai/api/v1/auth/keys -> http://127.0.0.1:4010/auth/keys
// so a test can check the seed really went through here.
import net from "node:net";

const DEFAULT_BASE = "https://openrouter.ai/api/v1";
const mockURL = process.env.SEED_MOCK_URL;
if (!mockURL) throw new Error("redirect-fetch: set SEED_MOCK_URL to the mock server's base URL");
const target = new URL(mockURL);
if (!isLoopbackHost(target.hostname))
  throw new Error(`redirect-fetch: SEED_MOCK_URL must be a loopback URL, got ${mockURL}`);
const targetBase = target.href.replace(/\/+$/, "");

export function isLoopbackHost(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  if (/^127(\.\d{1,3}){3}$/.test(host)) return true;
  const mapped = /^::ffff:(127(?:\.\d{1,3}){3})$/.exec(host);
  return mapped !== null;
}

function rewrite(url) {
  if (url === DEFAULT_BASE || url.startsWith(`${DEFAULT_BASE}/`) || url.startsWith(`${DEFAULT_BASE}?`)) {
    return targetBase + url.slice(DEFAULT_BASE.length);
  }
  return url;
}

const originalFetch = globalThis.fetch;

globalThis.fetch = async function redirectFetch(input, init) {
  const request = new Request(input, init);
  const url = rewrite(request.url);
  const parsed = new URL(url);
  if (!isLoopbackHost(parsed.hostname)) {
    throw new Error(
      `redirect-fetch: refusing a request to ${request.url}: only ${DEFAULT_BASE} (redirected) and loopback are allowed`,
    );
  }
  if (url === request.url) return originalFetch(request);
  process.stderr.write(`[redirect-fetch] ${request.method} ${request.url} -> ${url}\n`);
  const body = request.method === "GET" || request.method === "HEAD" ? null : await request.arrayBuffer();
  return originalFetch(
    new Request(url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
      redirect: request.redirect,
    }),
  );
};

// Second line of defence, below fetch: refuse TCP connections to anything but loopback (IPC paths are fine).
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  let host;
  if (first !== null && typeof first === "object") {
    if (first.path === undefined) host = first.host ?? "localhost";
  } else if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    host = typeof args[1] === "string" ? args[1] : "localhost";
  }
  if (host !== undefined && !isLoopbackHost(String(host))) {
    throw new Error(`redirect-fetch: refusing a TCP connection to ${host}: only loopback is allowed`);
  }
  return originalConnect.apply(this, args);
};

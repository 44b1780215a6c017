/**
 * {@link HTTPClient}: the `httpClient` option of `@openrouter/sdk`, for programs that configure it. Import
 * it from `openrouter-oauth/lib/http.js` or `openrouter-oauth/lib/http`, as the official SDK allows.
 * Only a bundle that imports this module carries it.
 *
 * @module openrouter-oauth/lib/http
 */
import { SDKValidationError, UnexpectedClientError } from "../models/errors/client-errors.js";
import { isPlainHttpOffLoopback } from "./callback-url.js";

// The input is `RequestInfo | URL` spelled out: RequestInfo is a DOM type, absent from Node-only setups.
/** Sends a request: the same signature as the global `fetch`. */
export type Fetcher = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** A value, or a promise of one. */
export type Awaitable<T> = T | Promise<T>;

/** Options of {@link HTTPClient}. */
export interface HTTPClientOptions {
  /** Sends each request. Default: the global `fetch`, looked up at call time. */
  fetcher?: Fetcher | undefined;
}

/** Runs before each attempt is sent; may change the request, or return a new one to send instead. */
export type BeforeRequestHook = (req: Request) => Awaitable<Request | undefined | void>;

/** Runs when the fetcher fails (no response: refused, reset, DNS…), before the call handles the failure. */
export type RequestErrorHook = (err: unknown, req: Request) => Awaitable<void>;

/** Runs when a response arrives, before its body is read. */
export type ResponseHook = (res: Response, req: Request) => Awaitable<void>;

interface Hooks {
  beforeRequest: BeforeRequestHook[];
  requestError: RequestErrorHook[];
  response: ResponseHook[];
}

// Bun drops a Request's method, headers and body when fetch is given an explicit `undefined` init.
const globalFetcher: Fetcher = (input, init) => (init === undefined ? fetch(input) : fetch(input, init));

/** Runs one hook; what it throws becomes an UnexpectedClientError naming the kind of hook (not retried). */
async function runHook<T>(kind: keyof Hooks, run: () => Awaitable<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new UnexpectedClientError(`A ${kind} hook of the httpClient failed`, { cause: error });
  }
}

/**
 * Sends the SDK's requests through a `fetcher` and hooks, for the `httpClient` option: tracing headers,
 * a proxy's fetch, logging. It works inside the SDK's pipeline, so the call's time limit, its signal,
 * the response body limit and the redirect rule still hold: a request a `beforeRequest` hook returns is
 * sent with the call's signal and redirect mode, and a hook that throws or never settles ends the call
 * with a typed error (`UnexpectedClientError`, or the call's timeout or abort).
 *
 * Hooks run in the order they were added, on every attempt (a retry runs them again).
 *
 * @example
 * import { HTTPClient } from "openrouter-oauth/lib/http.js";
 *
 * const httpClient = new HTTPClient({ fetcher: (request) => fetch(request) });
 * httpClient.addHook("beforeRequest", (request) => {
 *   request.headers.set("x-request-id", crypto.randomUUID());
 * });
 * const openRouter = new OpenRouter({ httpClient });
 */
export class HTTPClient {
  readonly #options: HTTPClientOptions;
  #hooks: Hooks = { beforeRequest: [], requestError: [], response: [] };

  constructor(options: HTTPClientOptions = {}) {
    this.#options = options;
  }

  /** Sends `request` through the hooks and the fetcher; resolves with the response, unread. */
  async request(request: Request): Promise<Response> {
    const { beforeRequest, requestError, response: responseHooks } = this.#hooks;
    let req = request;
    for (const hook of [...beforeRequest]) {
      const current = req;
      req = (await runHook("beforeRequest", () => hook(current))) ?? current;
    }
    if (req !== request) {
      // A request made by a hook keeps the call's signal (time limit, abort) and its redirect mode.
      const made = req;
      req = await runHook(
        "beforeRequest",
        () => new Request(made, { signal: request.signal, redirect: request.redirect }),
      );
      // The rule serverURL follows holds for where a hook sends the request too: every request carries a
      // secret (the key, or the code and verifier), so never plain http except to loopback.
      if (isPlainHttpOffLoopback(new URL(req.url))) {
        throw new UnexpectedClientError(
          "A beforeRequest hook of the httpClient sent the request over plain http to a host that is not loopback: refused, nothing was sent",
        );
      }
    }
    let response: Response;
    try {
      response = await (this.#options.fetcher ?? globalFetcher)(req);
    } catch (error) {
      for (const hook of [...requestError]) await runHook("requestError", () => hook(error, req));
      throw error;
    }
    for (const hook of [...responseHooks]) await runHook("response", () => hook(response, req));
    return response;
  }

  /** Adds a hook that runs before each request is sent; it may change the request or return a new one. */
  addHook(hook: "beforeRequest", fn: BeforeRequestHook): this;
  /** Adds a hook that runs when the fetcher fails to get a response. */
  addHook(hook: "requestError", fn: RequestErrorHook): this;
  /** Adds a hook that runs when a response has arrived. */
  addHook(hook: "response", fn: ResponseHook): this;
  addHook(hook: keyof Hooks, fn: Hooks[keyof Hooks][number]): this {
    if (typeof fn !== "function") throw new SDKValidationError("fn", "must be a function");
    (this.#list(hook) as unknown[]).push(fn);
    return this;
  }

  /** Removes a hook added with {@link HTTPClient.addHook}; nothing happens if it is not there. */
  removeHook(hook: "beforeRequest", fn: BeforeRequestHook): this;
  /** Removes a hook added with {@link HTTPClient.addHook}; nothing happens if it is not there. */
  removeHook(hook: "requestError", fn: RequestErrorHook): this;
  /** Removes a hook added with {@link HTTPClient.addHook}; nothing happens if it is not there. */
  removeHook(hook: "response", fn: ResponseHook): this;
  removeHook(hook: keyof Hooks, fn: Hooks[keyof Hooks][number]): this {
    const list = this.#list(hook) as unknown[];
    const index = list.indexOf(fn);
    if (index >= 0) list.splice(index, 1);
    return this;
  }

  /** A new client with the same fetcher and a copy of the hooks: adding to one leaves the other as it is. */
  clone(): HTTPClient {
    const copy = new HTTPClient(this.#options);
    const { beforeRequest, requestError, response } = this.#hooks;
    copy.#hooks = { beforeRequest: [...beforeRequest], requestError: [...requestError], response: [...response] };
    return copy;
  }

  #list(hook: keyof Hooks): Hooks[keyof Hooks] {
    if (hook !== "beforeRequest" && hook !== "requestError" && hook !== "response") {
      throw new SDKValidationError("hook", 'must be "beforeRequest", "requestError" or "response"');
    }
    return this.#hooks[hook];
  }
}

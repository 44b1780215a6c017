// On Deno without network permission, listening throws from a later tick, out of reach of any handler
// (the process dies with a stack trace). loginWithLoopback asks Deno first. Deno itself runs the CLI
// without permissions in `npm run test:runtimes`; here its permissions API is played by a stub, so each
// answer Deno can give is covered on every run.
import { afterEach, describe, expect, test } from "vitest";
import { denoDeniesListening } from "../src/node/deno-permissions.js";
import { DENO_NET_DENIED, LoopbackBindError, loginWithLoopback } from "../src/node/index.js";

type State = "granted" | "denied" | "prompt";

const asked: string[] = [];

/** Plays Deno's permissions API: `query` answers querySync, `request` requestSync (absent when undefined). */
function stubDeno(query: State, request?: State): void {
  asked.length = 0;
  const permissions = {
    querySync: (descriptor: { name: string; host: string }) => {
      asked.push(`query ${descriptor.name} ${descriptor.host}`);
      return { state: query };
    },
    ...(request === undefined
      ? {}
      : {
          requestSync: (descriptor: { name: string; host: string }) => {
            asked.push(`request ${descriptor.name} ${descriptor.host}`);
            return { state: request };
          },
        }),
  };
  (globalThis as { Deno?: unknown }).Deno = { permissions };
}

afterEach(() => {
  delete (globalThis as { Deno?: unknown }).Deno;
});

describe("denoDeniesListening", () => {
  test("not Deno: never denies", () => {
    expect(denoDeniesListening("127.0.0.1")).toBe(false);
  });

  test.each<[State, State | undefined, boolean, string[]]>([
    ["granted", "denied", false, ["query net 127.0.0.1"]],
    ["prompt", "granted", false, ["query net 127.0.0.1", "request net 127.0.0.1"]],
    ["prompt", "denied", true, ["query net 127.0.0.1", "request net 127.0.0.1"]],
    ["denied", "denied", true, ["query net 127.0.0.1", "request net 127.0.0.1"]],
    ["denied", undefined, true, ["query net 127.0.0.1"]],
  ])("query %s, request %s: denies = %s", (query, request, denies, calls) => {
    stubDeno(query, request);
    expect(denoDeniesListening("127.0.0.1")).toBe(denies);
    expect(asked).toEqual(calls);
  });

  test("a permissions API that throws: leaves the answer to listen()", () => {
    (globalThis as { Deno?: unknown }).Deno = {
      permissions: {
        querySync: () => {
          throw new TypeError("unknown descriptor");
        },
      },
    };
    expect(denoDeniesListening("127.0.0.1")).toBe(false);
  });
});

describe("loginWithLoopback on a Deno that denies the network", () => {
  test("rejects with LoopbackBindError (ERR_DENO_NET_PERMISSION) naming --allow-net, before showing any URL", async () => {
    stubDeno("prompt", "denied");
    const shown: string[] = [];
    const error = await loginWithLoopback({
      serverURL: "http://127.0.0.1:9/api/v1",
      onAuthorizationUrl: (url) => {
        shown.push(url);
      },
      timeoutMs: 5_000,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoopbackBindError);
    expect((error as LoopbackBindError).code).toBe(DENO_NET_DENIED);
    expect((error as LoopbackBindError).message).toMatch(/Deno has no network permission; run it with --allow-net/);
    expect(shown).toEqual([]);
  });

  test("with the permission granted, the login goes on (and here times out, its server closed)", async () => {
    stubDeno("granted");
    const error = await loginWithLoopback({
      serverURL: "http://127.0.0.1:9/api/v1",
      onAuthorizationUrl: () => {},
      timeoutMs: 200,
    }).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("LoginTimeoutError");
  });
});

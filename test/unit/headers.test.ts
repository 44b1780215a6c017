import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildHeaders } from "../../src/lib/call-operation.js";
import { SDK_VERSION } from "../../src/lib/version.js";
import { SDKValidationError } from "../../src/models/errors/client-errors.js";

describe("buildHeaders", () => {
  test("the app headers, User-Agent and the bearer key, lower-case names; nothing for unset values", () => {
    const headers = buildHeaders(
      { httpReferer: "https://app.example" },
      { appTitle: "My App" },
      "sk-or-v1-k",
      undefined,
    );
    expect(headers).toEqual({
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": `openrouter-oauth/${SDK_VERSION}`,
      "http-referer": "https://app.example",
      "x-openrouter-title": "My App",
      authorization: "Bearer sk-or-v1-k",
    });
  });

  test("the request's app headers win over the client's", () => {
    const headers = buildHeaders({ appTitle: "Client" }, { appTitle: "Request" }, undefined, undefined);
    expect(headers["x-openrouter-title"]).toBe("Request");
    expect(headers).not.toHaveProperty("authorization");
  });

  test("fetchOptions.headers win whatever their case, in every HeadersInit form", () => {
    for (const extra of [
      { "Content-Type": "application/json; charset=utf-8", "X-Trace": "1" },
      [
        ["content-type", "application/json; charset=utf-8"],
        ["x-trace", "1"],
      ] as [string, string][],
      new Headers({ "CONTENT-TYPE": "application/json; charset=utf-8", "x-TRACE": "1" }),
    ]) {
      const headers = buildHeaders({}, {}, undefined, extra);
      expect(headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(headers["x-trace"]).toBe("1");
      expect(Object.keys(headers).filter((name) => name.toLowerCase() === "content-type")).toHaveLength(1);
    }
  });

  test("whitespace at the ends of a value is allowed, as fetch trims it (a key read from a file)", () => {
    const headers = buildHeaders({}, {}, "sk-or-v1-k\n", undefined);
    expect(new Headers(headers).get("authorization")).toBe("Bearer sk-or-v1-k");
  });

  test.each([
    ["a line break inside", { appTitle: "My App\r\nX-Injected: 1" }, "appTitle"],
    ["a NUL", { httpReferer: "https://a.example/\u0000" }, "httpReferer"],
    ["a character beyond Latin-1", { appCategories: "cli-agent\u2028" }, "appCategories"],
  ])("a value with %s is refused, naming the field", (_name, request, field) => {
    let error: unknown;
    try {
      buildHeaders({}, request, undefined, undefined);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SDKValidationError);
    expect((error as Error).message).toContain(field);
    // The refused value itself is never quoted.
    expect((error as Error).message).not.toContain("Injected");
  });

  test("it accepts exactly the values fetch's own Headers accepts", () => {
    const char = fc.oneof(
      fc.constantFrom("\t", "\n", "\r", " ", "\0", "\u00ff", "\u0100", "\u2028", "a"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 8 }), (chars) => {
        const value = chars.join("");
        let headersAccept = true;
        try {
          new Headers({ "x-openrouter-title": value });
        } catch {
          headersAccept = false;
        }
        let ours = true;
        try {
          buildHeaders({}, { appTitle: value }, undefined, undefined);
        } catch {
          ours = false;
        }
        expect(ours).toBe(headersAccept);
      }),
      { numRuns: 3000 },
    );
  });

  test("each call gets a headers object of its own: what a fetch wrapper adds to one is not in the next", () => {
    const client = { apiKey: "sk-or-v1-k", appTitle: "App" };
    const first = buildHeaders(client, {}, client.apiKey, undefined);
    first["x-added-by-a-fetch-wrapper"] = "1";
    const second = buildHeaders(client, {}, client.apiKey, undefined);
    expect(second).not.toBe(first);
    expect(second).toEqual({
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": `openrouter-oauth/${SDK_VERSION}`,
      "x-openrouter-title": "App",
      authorization: "Bearer sk-or-v1-k",
    });
    second["x-added-by-a-fetch-wrapper"] = "2";
    expect(buildHeaders(client, {}, client.apiKey, undefined)["x-added-by-a-fetch-wrapper"]).toBeUndefined();
  });

  test("a call's own headers or key override the client's, and are not left for the next call", () => {
    const client = { apiKey: "sk-or-v1-k", appTitle: "App" };
    buildHeaders(client, {}, client.apiKey, undefined);
    expect(buildHeaders(client, { appTitle: "Other" }, client.apiKey, undefined)["x-openrouter-title"]).toBe("Other");
    // An empty request value means "no header", not the client's.
    expect(buildHeaders(client, { appTitle: "" }, client.apiKey, undefined)["x-openrouter-title"]).toBeUndefined();
    // A key from an apiKey function differs from the client's option.
    expect(buildHeaders(client, {}, "sk-or-v1-other", undefined).authorization).toBe("Bearer sk-or-v1-other");
    expect(buildHeaders(client, {}, undefined, undefined).authorization).toBeUndefined();
    expect(buildHeaders(client, {}, client.apiKey, { "x-trace": "1" })["x-trace"]).toBe("1");
    const common = buildHeaders(client, {}, client.apiKey, undefined);
    expect(common["x-openrouter-title"]).toBe("App");
    expect(common.authorization).toBe("Bearer sk-or-v1-k");
    expect(common["x-trace"]).toBeUndefined();
  });

  test("whatever it accepts, fetch's own Headers accepts too", () => {
    for (const value of ["plain", " padded ", "tab\tinside", "latin-1 é ÿ", "trailing\r\n"]) {
      const headers = buildHeaders({}, { appTitle: value }, undefined, undefined);
      expect(() => new Headers(headers)).not.toThrow();
    }
  });
});

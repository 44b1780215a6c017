import { afterEach, describe, expect, test, vi } from "vitest";
import {
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
  MIN_RETRY_WAIT_MS,
  matchesStatusCode,
  parseRetryAfter,
  resolveRetryPolicy,
  retryDelay,
} from "../../src/lib/retry-policy.js";
import { SDKValidationError } from "../../src/models/errors/client-errors.js";

afterEach(() => vi.restoreAllMocks());

describe("resolveRetryPolicy", () => {
  test("defaults: backoff on 5XX and 429, connection errors retried", () => {
    expect(resolveRetryPolicy("retryConfig", undefined)).toEqual({
      ...DEFAULT_BACKOFF,
      retryConnectionErrors: true,
      maxAttempts: 10,
      codes: ["5XX", "429"],
    });
    expect(DEFAULT_MAX_ATTEMPTS).toBe(10);
    expect(DEFAULT_BACKOFF).toEqual({ initialInterval: 500, maxInterval: 5000, exponent: 1.5, maxElapsedTime: 20000 });
  });

  test('"none" turns retries off', () => {
    expect(resolveRetryPolicy("retryConfig", { strategy: "none" })).toBeUndefined();
  });

  test("partial backoff settings keep the other defaults", () => {
    const policy = resolveRetryPolicy("retryConfig", { strategy: "backoff", backoff: { initialInterval: 10 } }, [
      "429",
    ]);
    expect(policy).toMatchObject({ initialInterval: 10, maxInterval: 5000, exponent: 1.5, codes: ["429"] });
  });

  test.each([
    [{ strategy: "sometimes" }, "options.retries.strategy"],
    [{ strategy: "backoff", backoff: { initialInterval: -1 } }, "options.retries.backoff.initialInterval"],
    [{ strategy: "backoff", backoff: { exponent: Number.NaN } }, "options.retries.backoff.exponent"],
    [{ strategy: "backoff", backoff: { maxInterval: Infinity } }, "options.retries.backoff.maxInterval"],
  ])("rejects %j naming %s", (config, field) => {
    expect(() => resolveRetryPolicy("options.retries", config as never)).toThrow(
      expect.objectContaining({ name: "SDKValidationError", field }),
    );
  });

  test("maxElapsedTime may be Infinity; bad retry codes are named", () => {
    expect(
      resolveRetryPolicy("retryConfig", { strategy: "backoff", backoff: { maxElapsedTime: Infinity } })?.maxElapsedTime,
    ).toBe(Infinity);
    const error = (() => {
      try {
        resolveRetryPolicy("retryConfig", undefined, ["5xx", "42"], "options.retryCodes");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SDKValidationError);
    expect((error as SDKValidationError).field).toBe("options.retryCodes");
  });
});

describe("matchesStatusCode", () => {
  test.each([
    [503, ["5XX"], true],
    [500, ["5xx"], true],
    [429, ["5XX", "429"], true],
    [404, ["5XX", "429"], false],
    [400, ["4XX"], true],
    [503, ["500"], false],
    [200, ["2XX"], true],
    [429, ["4xx"], true],
    [499, ["429"], false],
    [529, ["429"], false],
    [429, [], false],
  ])("%i against %j → %s", (status, codes, expected) => {
    expect(matchesStatusCode(status, codes)).toBe(expected);
  });
});

describe("retryDelay", () => {
  const policy = resolveRetryPolicy("retryConfig", undefined)!;

  test("grows by the exponent and is jittered between half and all of the step", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect([1, 2, 3].map((retry) => retryDelay(policy, retry))).toEqual([250, 375, 563]);
    vi.spyOn(Math, "random").mockReturnValue(1);
    expect([1, 2, 3].map((retry) => retryDelay(policy, retry))).toEqual([500, 750, 1125]);
  });

  test("never exceeds maxInterval", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    expect(retryDelay(policy, 50)).toBeLessThanOrEqual(5000);
    expect(retryDelay(policy, 50)).toBeGreaterThan(4900);
  });

  test("a shorter Retry-After never shortens the backoff; a longer one lengthens it", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(retryDelay(policy, 1, 0)).toBe(250);
    expect(retryDelay(policy, 1, 100)).toBe(250);
    expect(retryDelay(policy, 1, 3_000)).toBe(3_000);
  });

  test(`no wait is shorter than ${MIN_RETRY_WAIT_MS} ms, whatever the settings`, () => {
    const tiny = resolveRetryPolicy("retryConfig", {
      strategy: "backoff",
      backoff: { initialInterval: 0.001, maxInterval: 0.001 },
    })!;
    expect(retryDelay(tiny, 1)).toBe(MIN_RETRY_WAIT_MS);
    expect(retryDelay(tiny, 1, 0)).toBe(MIN_RETRY_WAIT_MS);
    expect(MIN_RETRY_WAIT_MS).toBe(100);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-25T10:00:00Z");

  test("delta-seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
  });

  test("HTTP-date, and a date in the past is zero", () => {
    expect(parseRetryAfter("Wed, 25 Nov 2026 10:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 09:59:00 GMT", now)).toBe(0);
  });

  test("absent or unreadable is undefined", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});

import { expect, test } from "vitest";
import { openScope } from "../../src/lib/transport.js";
import { RequestAbortedError, RequestTimeoutError } from "../../src/models/errors/client-errors.js";

const never = new Promise<never>(() => {});

test("the time limit rejects a pending race with RequestTimeoutError and aborts the attempt in flight", async () => {
  const scope = openScope(30);
  const attempt = scope.attemptSignal();
  await expect(scope.race(never)).rejects.toBeInstanceOf(RequestTimeoutError);
  expect(attempt.aborted).toBe(true);
  expect(attempt.reason).toBeInstanceOf(RequestTimeoutError);
  scope.dispose();
});

test("each attempt gets a signal of its own; one made after the end is aborted already", () => {
  const caller = new AbortController();
  const scope = openScope(60_000, caller.signal);
  const first = scope.attemptSignal();
  const second = scope.attemptSignal();
  expect(second).not.toBe(first);
  caller.abort();
  expect(second.aborted).toBe(true);
  expect(scope.attemptSignal().aborted).toBe(true);
  scope.dispose();
});

test("a caller's abort ends a sleep at once", async () => {
  const caller = new AbortController();
  const scope = openScope(60_000, caller.signal);
  const started = Date.now();
  const sleeping = scope.sleep(10_000);
  setTimeout(() => caller.abort(), 20);
  await expect(sleeping).rejects.toBeInstanceOf(RequestAbortedError);
  expect(Date.now() - started).toBeLessThan(1000);
  scope.dispose();
});

test("an already aborted signal ends the scope before anything starts", async () => {
  const scope = openScope(60_000, undefined, AbortSignal.abort());
  expect(scope.error).toBeInstanceOf(RequestAbortedError);
  await expect(scope.race(Promise.resolve(1))).rejects.toBeInstanceOf(RequestAbortedError);
  scope.dispose();
});

test("the first ending wins, and a settled race is unaffected by a later abort", async () => {
  const caller = new AbortController();
  const scope = openScope(20, caller.signal);
  await expect(scope.race(Promise.resolve("value"))).resolves.toBe("value");
  await expect(scope.sleep(1000)).rejects.toBeInstanceOf(RequestTimeoutError);
  caller.abort();
  expect(scope.error).toBeInstanceOf(RequestTimeoutError);
  scope.dispose();
});

test("dispose removes the listeners from the caller's signal", () => {
  const caller = new AbortController();
  const scope = openScope(60_000, caller.signal);
  scope.dispose();
  caller.abort();
  expect(scope.error).toBeUndefined();
});

test("a limit beyond setTimeout's range does not fire at once, and Infinity sets no timer", async () => {
  for (const limit of [3e9, Infinity]) {
    const scope = openScope(limit);
    await expect(scope.race(new Promise((resolve) => setTimeout(resolve, 20, "done")))).resolves.toBe("done");
    expect(scope.error).toBeUndefined();
    scope.dispose();
  }
});

test("every pending race rejects when the scope ends, and a raced promise that fails later is handled", async () => {
  const caller = new AbortController();
  const scope = openScope(60_000, caller.signal);
  let failLater!: (error: Error) => void;
  const first = scope.race(never);
  const second = scope.race(new Promise((_, reject) => (failLater = reject)));
  caller.abort();
  await expect(first).rejects.toBeInstanceOf(RequestAbortedError);
  await expect(second).rejects.toBeInstanceOf(RequestAbortedError);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  failLater(new Error("too late"));
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
  scope.dispose();
});

test("a race that settles first is not disturbed by the scope ending later", async () => {
  const scope = openScope(20);
  await expect(scope.race(Promise.reject(new Error("its own")))).rejects.toThrow("its own");
  await expect(scope.race(Promise.resolve("value"))).resolves.toBe("value");
  await expect(scope.sleep(1000)).rejects.toBeInstanceOf(RequestTimeoutError);
  scope.dispose();
});

test("onEnd calls back when the scope ends, never once released, and at once on an ended scope", () => {
  const caller = new AbortController();
  const scope = openScope(60_000, caller.signal);
  const calls: string[] = [];
  scope.onEnd(() => calls.push("kept"));
  const release = scope.onEnd(() => calls.push("released"));
  release();
  expect(calls).toEqual([]);
  caller.abort();
  expect(calls).toEqual(["kept"]);
  scope.onEnd(() => calls.push("late"));
  expect(calls).toEqual(["kept", "late"]);
  scope.dispose();
});

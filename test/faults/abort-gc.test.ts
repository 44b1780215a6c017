// Aborts and timeouts can never be lost: 50 calls per scenario, with forced garbage collections while
// they wait, in a child process run with --expose-gc (see support/abort-gc-child.ts). The child must
// report zero hangs and exit by itself; if it does not within CHILD_LIMIT_MS it is killed by its PID
// and the test fails.
import { expect, test } from "vitest";
import { childEnv, describeChild, repoRoot, runChild } from "../support/build-once.js";

/** The child takes ~15 s alone; generous for a loaded 2-core machine running other test files. */
const CHILD_LIMIT_MS = 100_000;

interface ScenarioSummary {
  readonly name: string;
  readonly expected: string;
  readonly runs: number;
  readonly ok: number;
  readonly hangs: number;
  readonly maxSettleMs: number;
  readonly maxAfterTriggerMs: number;
  readonly problems: readonly string[];
}

interface Summary {
  readonly gcExposed: boolean;
  readonly runsPerScenario: number;
  readonly bounds: { readonly abortSettleMs: number; readonly timeoutLateMs: number };
  readonly scenarios: readonly ScenarioSummary[];
  readonly calls: number;
  readonly failures: number;
  readonly hangs: number;
  readonly unhandledRejections: number;
}

test(
  "50 aborts and 50 timeouts per phase, with forced gc(): every call settles typed, zero hangs, the child exits by itself",
  async () => {
    const result = await runChild(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "test/faults/support/abort-gc-child.ts"],
      { cwd: repoRoot, env: childEnv({}), timeoutMs: CHILD_LIMIT_MS },
    );
    // runChild SIGKILLs the child's PID once the limit passes; that is a failure here.
    expect(
      result.timedOut,
      `the child did not exit by itself within ${CHILD_LIMIT_MS} ms: ${describeChild(result)}`,
    ).toBe(false);
    const line = result.stdout.split("\n").find((l) => l.startsWith("ABORT-GC-SUMMARY "));
    expect(line, describeChild(result)).toBeDefined();
    const summary = JSON.parse(line!.slice("ABORT-GC-SUMMARY ".length)) as Summary;
    const failing = summary.scenarios.filter((s) => s.ok !== s.runs);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
    expect(summary.gcExposed).toBe(true);
    expect(summary.hangs).toBe(0);
    expect(summary.failures).toBe(0);
    expect(summary.unhandledRejections).toBe(0);
    // Every phase, for aborts and for timeouts, ran 50 times.
    expect(summary.runsPerScenario).toBe(50);
    for (const phase of [
      /^abort before the request/,
      /^abort during the request/,
      /^abort during a backoff sleep/,
      /^timeoutMs \d+ before the request/,
      /^timeoutMs \d+ during the request/,
      /^timeoutMs \d+ right after a backoff sleep/,
    ]) {
      expect(summary.scenarios.some((s) => phase.test(s.name) && s.runs === 50)).toBe(true);
    }
    for (const scenario of summary.scenarios) {
      expect(scenario.hangs, scenario.name).toBe(0);
      const bound =
        scenario.expected === "RequestTimeoutError" || /timeout\(/i.test(scenario.name)
          ? summary.bounds.timeoutLateMs
          : summary.bounds.abortSettleMs;
      expect(scenario.maxAfterTriggerMs, `${scenario.name}: ms from the trigger to settling`).toBeLessThanOrEqual(
        bound,
      );
    }
    expect(summary.calls).toBe(summary.scenarios.length * 50);
    // It exited by itself, with success, after printing its figures.
    expect(result.signal, describeChild(result)).toBeNull();
    expect(result.code, describeChild(result)).toBe(0);
  },
  CHILD_LIMIT_MS + 20_000,
);

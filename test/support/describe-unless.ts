// A suite that needs something this machine may lack (Chromium, redis-server): skipped with the reason,
// visibly, rather than failing; the reason functions return undefined under CI, where the suites must run.
import { describe, test } from "vitest";

/** `describe(title, body)`; or, when `skipReason` says why it cannot run here, one skipped test saying so. */
export function describeUnless(skipReason: string | undefined, title: string, body: () => void): void {
  if (skipReason === undefined) {
    describe(title, body);
    return;
  }
  console.warn(`${title}: ${skipReason}`);
  describe(title, () => {
    test.skip(skipReason, () => {});
  });
}

// Entry point on Node, Bun and Deno: every check, one JSON report on stdout. The orchestrator
// (test/runtimes/run.ts) bundles it with the package and hono left as imports, resolved from the
// consumer project's node_modules, and fills in SUITE_CONFIG.
import { inspectChecks } from "./inspect-checks.js";
import { loopbackChecks } from "./loopback-checks.js";
import type { SuiteConfig, SuiteReport } from "./report.js";
import { sdkChecks } from "./sdk-checks.js";
import { serverChecks } from "./server-checks.js";

declare const SUITE_CONFIG: SuiteConfig;
declare const Bun: { version: string } | undefined;
declare const Deno: { version: { deno: string } } | undefined;

/** Which runtime this is, as the runtime itself says. */
function runtimeName(): string {
  if (typeof Deno !== "undefined") return `deno ${Deno.version.deno}`;
  if (typeof Bun !== "undefined") return `bun ${Bun.version}`;
  return `node ${process.versions.node}`;
}

const report: SuiteReport = {
  runtime: runtimeName(),
  results: [
    ...(await sdkChecks(SUITE_CONFIG)),
    ...(await serverChecks(SUITE_CONFIG)),
    ...(await loopbackChecks(SUITE_CONFIG)),
    ...(await inspectChecks()),
  ],
};
console.log(JSON.stringify(report));

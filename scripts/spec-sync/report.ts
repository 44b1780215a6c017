// The words: the report printed for the maintainer, and the changeset draft written for users.

import { OPERATIONS } from "./config.js";
import type { Level, SpecDiff } from "./diff.js";

const VERDICT: Record<Level | "none", string> = {
  major: "BREAKING: major",
  minor: "not breaking, additions: minor",
  patch: "documentation only: patch",
  none: "no user-visible change",
};

/** The "what changed for users" part of the report, grouped by operation. */
export function formatChanges(diff: SpecDiff): string[] {
  const lines = [`What changed for users (${VERDICT[diff.level]}):`];
  if (diff.changes.length === 0)
    lines.push("  nothing: the spec's text changed (order or formatting) but not what it says.");
  // The changes come grouped by operation, in the order of OPERATIONS, the document last.
  diff.changes.forEach(({ operationId: id, level, summary }, index) => {
    if (index === 0 || diff.changes[index - 1]?.operationId !== id) {
      const sdkName = OPERATIONS.find((op) => op.operationId === id)?.sdkName;
      lines.push(
        `  ${id === undefined ? "the document" : sdkName && sdkName !== id ? `${sdkName} (operationId ${id})` : id}`,
      );
    }
    lines.push(`    ${level.padEnd(5)}  ${summary}`);
  });
  if (diff.internal.length > 0) {
    lines.push(`Spec internals (names in generated/ that the SDK layer may use): ${diff.internal.join(", ")}`);
  }
  return lines;
}

/** A changeset for the maintainer to review: the bump, then one line per user-visible change. */
export function changesetText(packageName: string, diff: SpecDiff, url: string | undefined): string {
  const notes = [...new Set(diff.changes.map((change) => change.userNote))];
  const breaking = diff.changes.filter((c) => c.level === "major").map((c) => c.userNote);
  return [
    "---",
    `"${packageName}": ${diff.level === "none" ? "patch" : diff.level}`,
    "---",
    "",
    `Follow OpenRouter's API description${url ? ` (synced from ${url})` : ""}:`,
    "",
    ...notes.map((note) => `- ${breaking.includes(note) ? "**Breaking:** " : ""}${note}`),
    "",
  ].join("\n");
}

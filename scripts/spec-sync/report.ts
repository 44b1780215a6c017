// The words: the report printed for the maintainer, and the changeset draft written for users.

import { OPERATIONS } from "./config.js";
import type { Change, Level, SpecDiff } from "./diff.js";

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
  const groups = new Map<string | undefined, Change[]>();
  for (const change of diff.changes)
    groups.set(change.operationId, [...(groups.get(change.operationId) ?? []), change]);
  const order = (id: string | undefined) => {
    const index = OPERATIONS.findIndex((op) => op.operationId === id);
    return index === -1 ? OPERATIONS.length : index;
  };
  for (const [operationId, changes] of [...groups].sort(([a], [b]) => order(a) - order(b))) {
    const op = OPERATIONS.find((o) => o.operationId === operationId);
    const title =
      operationId === undefined
        ? "the document"
        : op && op.sdkName !== operationId
          ? `${op.sdkName} (operationId ${operationId})`
          : operationId;
    lines.push(`  ${title}`);
    for (const change of changes) lines.push(`    ${change.level.padEnd(5)}  ${change.summary}`);
  }
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

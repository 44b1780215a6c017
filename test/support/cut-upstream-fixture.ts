// Cuts test/fixtures/spec-sync/upstream.yaml from OpenRouter's real OpenAPI document with spec:sync's own
// slicer: our two operations plus a few others, so the fast tests run on upstream's real names and shapes
// (and still have something to slice away) without the whole document in the project.
//
//   npx tsx test/support/cut-upstream-fixture.ts ../shared/upstream/openrouter-openapi-2026-08-22.yaml
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { OPERATIONS } from "../../scripts/spec-sync/config.js";
import { parseOpenApi } from "../../scripts/spec-sync/load.js";
import { sliceToOperations } from "../../scripts/spec-sync/slice.js";

/** Besides ours: `getCurrentKey` shares our error bodies; `submitGenerationFeedback` has a 429 and a 404. */
const EXTRA_OPERATIONS = ["getCurrentKey", "submitGenerationFeedback"];

const FIXTURE = fileURLToPath(new URL("../fixtures/spec-sync/upstream.yaml", import.meta.url));

const [source] = process.argv.slice(2);
if (source === undefined) {
  console.error("Usage: npx tsx test/support/cut-upstream-fixture.ts <upstream document>");
  process.exit(2);
}
const upstream = parseOpenApi({ label: source, text: await readFile(source, "utf8") });
const ids = [...OPERATIONS.map((op) => op.operationId), ...EXTRA_OPERATIONS];
const cut = await sliceToOperations(upstream, ids);
const header = [
  `# Cut from OpenRouter's OpenAPI document (${basename(source)}) by spec:sync's slicer, keeping`,
  `# ${ids.join(", ")}.`,
  "# Regenerate: npx tsx test/support/cut-upstream-fixture.ts <upstream document>",
  "",
].join("\n");
await writeFile(FIXTURE, header + stringify(cut, { lineWidth: 120, aliasDuplicateObjects: false }));
console.log(`${FIXTURE}: ${ids.length} operations`);

// `npm run spec:sync -- <file-or-url>`: takes OpenRouter's full OpenAPI document, keeps our two
// operations and what they reference, applies openapi/overlay.yaml, normalises, lints, regenerates
// generated/, typechecks, and reports what changed for users with a changeset draft.
// See "Updating the API spec" in README.md.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SpecSyncError } from "./spec-sync/errors.js";
import { specSync } from "./spec-sync/run.js";

const USAGE = `Usage: npm run spec:sync -- <file-or-url> [options]

  <file-or-url>     OpenRouter's OpenAPI document (JSON or YAML): a file path, or an http(s) URL

Options:
  --dry-run         print what would change; write nothing
  --root DIR        the workspace to update (default: this repository)
  --skip-typecheck  do not run npm run typecheck after regenerating
  -h, --help        this text`;

const options = {
  "dry-run": { type: "boolean" },
  root: { type: "string" },
  "skip-typecheck": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) console.log(USAGE);
  if (values.help) return 0;
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  // npm runs scripts from the package root; a relative path means the folder npm was called from.
  const cwd = process.env["INIT_CWD"] ?? process.cwd();
  const root = values.root ? resolve(cwd, values.root) : resolve(import.meta.dirname, "..");
  try {
    await specSync({ source, root, cwd, skipTypecheck: values["skip-typecheck"], dryRun: values["dry-run"] });
    return 0;
  } catch (error) {
    if (error instanceof SpecSyncError) {
      console.error(`\nspec:sync failed: ${error.message}`);
      return 1;
    }
    // Not a case we foresaw: still one line, no stack trace unless asked for (SPEC_SYNC_DEBUG=1).
    if (process.env["SPEC_SYNC_DEBUG"]) console.error(error);
    const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
    const line = message.split("\n")[0];
    console.error(`\nspec:sync failed: unexpected ${name} on ${source}: ${line} (SPEC_SYNC_DEBUG=1 shows where).`);
    return 1;
  }
}

process.exitCode = await main();

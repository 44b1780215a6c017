// The Markdown files of the documentation, as paths relative to the repository, for the docs tests.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./build-once.js";

/** Every `.md` file under `dir`, deeply; the generated API site (docs/api) is left out. */
export function markdownFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory() && path !== "docs/api") files.push(...markdownFilesUnder(path));
    else if (entry.isFile() && entry.name.endsWith(".md")) files.push(path);
  }
  return files;
}

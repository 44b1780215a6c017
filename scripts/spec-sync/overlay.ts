// Step 2: apply our corrections, kept as an OpenAPI Overlay (1.0) in openapi/overlay.yaml, with
// openapi-format. The glue checks what the library lets pass silently: an action whose target no longer
// matches anything, and a remove that would hit several items of one array (which it gets wrong).
import { readFile } from "node:fs/promises";
import { openapiOverlay, resolveJsonPath } from "openapi-format";
import { parse } from "yaml";
import { SpecSyncError } from "./errors.js";
import { isObject, type Json, type JsonObject } from "./json.js";

export interface OverlayAction {
  target: string;
  description: string;
  update?: Json;
  remove?: true;
  [extension: `x-${string}`]: Json;
}

export interface Overlay {
  overlay: string;
  info: JsonObject;
  actions: OverlayAction[];
}

/** Reads and checks an overlay file: Overlay 1.0 fields, and a `description` (the why) on every action. */
export async function loadOverlay(path: string, label = path): Promise<Overlay> {
  let doc: unknown;
  try {
    doc = parse(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecSyncError(
      code === "ENOENT" ? `${label}: no such file.` : `${label} is not valid YAML: ${(error as Error).message}`,
    );
  }
  if (!isObject(doc)) throw new SpecSyncError(`${label} is not an overlay document.`);
  const { overlay, info, actions } = doc;
  const problems = [
    !/^1\.0\.\d+$/.test(String(overlay)) &&
      "`overlay` must be a 1.0.x version (actions rely on Overlay 1.0 update semantics)",
    !(isObject(info) && typeof info["title"] === "string" && typeof info["version"] === "string") &&
      "`info` needs a `title` and a `version`",
    !(Array.isArray(actions) && actions.length > 0) && "`actions` must be a non-empty list",
    ...(Array.isArray(actions) ? actions : []).flatMap((action, index) => {
      const name = `action ${index + 1}`;
      if (!isObject(action)) return [`${name} is not a mapping`];
      const { target, description, remove } = action;
      return [
        !(typeof target === "string" && target.startsWith("$")) &&
          `${name}: \`target\` must be a JSONPath starting with "$"`,
        !(typeof description === "string" && description.trim()) &&
          `${name}: \`description\` must say why the correction is needed`,
        Object.hasOwn(action, "remove") && remove !== true && `${name}: \`remove\` must be true`,
        Object.hasOwn(action, "update") === (remove === true) && `${name}: needs exactly one of \`update\`, \`remove\``,
      ];
    }),
  ].filter((problem) => typeof problem === "string");
  if (problems.length > 0) throw new SpecSyncError(`${label} is not a valid overlay:\n  - ${problems.join("\n  - ")}`);
  return doc as unknown as Overlay;
}

export interface AppliedAction {
  number: number;
  description: string;
  matched: number;
  /** An update marked `x-optional: true` that found nothing to update in this document. */
  skipped?: true;
}

/**
 * Applies the actions one by one, in order. An `update` whose target matches nothing fails (upstream
 * moved or renamed what it corrects), unless it is marked `x-optional: true`: it corrects a field that
 * only some upstream versions have. A `remove` that matches nothing is fine (what it removes is already
 * gone, as on a re-run).
 */
export async function applyOverlay(
  input: JsonObject,
  overlay: Overlay,
  label: string,
): Promise<{ doc: JsonObject; applied: AppliedAction[] }> {
  let doc = structuredClone(input);
  const applied: AppliedAction[] = [];
  for (const [index, action] of overlay.actions.entries()) {
    const number = index + 1;
    const name = `Overlay action ${number} of ${overlay.actions.length} in ${label} ("${firstLine(action.description)}")`;
    const nodes = resolveJsonPath(doc, action.target);
    if (action.remove === true) {
      const arrays = nodes.map((node) => node.parent).filter((parent) => Array.isArray(parent));
      if (new Set(arrays).size < arrays.length) {
        throw new SpecSyncError(
          `${name} would remove several items of one list (target ${action.target}); openapi-format removes the wrong ones then. Split it into one action per item.`,
        );
      }
    } else if (nodes.length === 0 && action["x-optional"] === true) {
      applied.push({ number, description: action.description, matched: 0, skipped: true });
      continue;
    } else if (nodes.length === 0) {
      throw new SpecSyncError(
        `${name} no longer matches anything: target ${action.target}.\n` +
          "Upstream has moved or renamed what it corrects: update the action in openapi/overlay.yaml, or delete it if upstream fixed the problem itself.",
      );
    }
    const complaints: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void complaints.push(args.map(String).join(" "));
    try {
      const result = await openapiOverlay(doc, {
        overlaySet: { overlay: overlay.overlay, info: overlay.info, actions: [action] },
      });
      doc = result.data as JsonObject;
      if (complaints.length > 0 || (action.remove !== true && result.resultData["totalUsedActions"] !== 1)) {
        throw new SpecSyncError(
          `${name} could not be applied: ${complaints.join("; ") || "openapi-format skipped it"}.`,
        );
      }
    } finally {
      console.error = consoleError;
    }
    applied.push({ number, description: action.description, matched: nodes.length });
  }
  return { doc, applied };
}

/** The first sentence of a description, for messages. */
const firstLine = (text: string): string => {
  const sentence = (text.trim().split(/(?<=\.)\s/)[0] ?? "").replace(/\s+/g, " ");
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
};

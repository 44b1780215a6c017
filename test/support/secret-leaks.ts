// The ways a value gets printed or serialised by ordinary code, and a search of them for secrets:
// shared by test/secrets.test.ts and the fault matrix (test/faults/matrix.test.ts).
import { format, type InspectOptions, inspect } from "node:util";

/** A printed form of something, with the expression that printed it. */
export type Rendering = readonly [label: string, text: string | undefined];

/**
 * util.inspect's options that show more than the default: hidden properties (which include the
 * prototypes' properties of user classes), getters called for their values, custom inspection off.
 */
const INSPECT_OPTIONS: InspectOptions[] = [];
for (const showHidden of [false, true]) {
  for (const getters of [false, true, "get", "set"] as const) {
    for (const customInspect of [true, false]) {
      INSPECT_OPTIONS.push({ showHidden, getters, customInspect, depth: Number.POSITIVE_INFINITY });
    }
  }
}

/** `value` under every combination of util.inspect's revealing options, and console.log's format. */
function inspections(label: string, value: unknown): Rendering[] {
  return [
    ...INSPECT_OPTIONS.map(
      (options) =>
        [
          `util.inspect(${label}, { showHidden: ${options.showHidden}, getters: ${options.getters}, customInspect: ${options.customInspect} })`,
          inspect(value, options),
        ] as const,
    ),
    [`format("%o", ${label})`, format("%o", value)],
    [`format("%O", ${label})`, format("%O", value)],
  ];
}

/** Every ordinary way an error gets printed or serialised. */
export function errorRenderings(error: Error): Rendering[] {
  return [
    ...inspections("error", error),
    ["String(error)", String(error)],
    ["error.message", error.message],
    ["error.stack", error.stack],
    ["JSON.stringify(error)", JSON.stringify(error)],
    ["JSON.stringify({ ...error })", JSON.stringify({ ...error })],
  ];
}

/** Every ordinary way a client object gets printed or serialised. */
export function clientRenderings(client: object): Rendering[] {
  const name = client.constructor.name;
  return [
    ...inspections(name, client),
    [`JSON.stringify(${name})`, JSON.stringify(client)],
    [`String(${name})`, String(client)],
  ];
}

/** One line per secret found in a rendering, e.g. `String(error) holds "sk-or-…"`; empty when clean. */
export function secretLeaks(renderings: Iterable<Rendering>, secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const [label, text] of renderings) {
    for (const secret of secrets) {
      if (text?.includes(secret)) leaks.push(`${label} holds ${JSON.stringify(secret)}:\n${text}`);
    }
  }
  return leaks;
}

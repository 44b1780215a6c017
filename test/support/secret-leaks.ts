// The ways a value gets printed or serialised by ordinary code, and a search of them for secrets:
// shared by test/secrets.test.ts and the fault matrix (test/faults/matrix.test.ts).
import { inspect } from "node:util";

/** A printed form of something, with the expression that printed it. */
export type Rendering = readonly [label: string, text: string | undefined];

/** Every ordinary way an error gets printed or serialised. */
export function errorRenderings(error: Error): Rendering[] {
  return [
    ["util.inspect(error)", inspect(error, { depth: 10 })],
    ["util.inspect(error, showHidden)", inspect(error, { depth: 10, showHidden: true })],
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
    [`util.inspect(${name})`, inspect(client, { depth: 10 })],
    [`util.inspect(${name}, showHidden)`, inspect(client, { depth: 10, showHidden: true })],
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

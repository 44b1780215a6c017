import { SDKValidationError } from "../models/errors/client-errors.js";
import * as z from "./zod.js";

/**
 * Parses `value` with `schema`, or throws an {@link SDKValidationError} naming the first bad field.
 * zod/mini ships no messages, so the reason is built here from the issue's kind (custom checks, the
 * enums among them, carry their own), never from the rejected value (it may be a secret).
 */
export function validateInput<T>(schema: z.Schema<T>, value: unknown): T {
  const { data, issue } = z.parse(schema, value);
  if (!issue) return data as T;
  const path = (issue.path ?? []).map(String);
  let reason =
    issue.code === "invalid_type" ? `must be of type ${issue.expected}` : (z.reasonOf(issue) ?? "is not valid");
  if (issue.input === undefined) reason = "is required";
  if (issue.code === "unrecognized_keys") {
    path.push(issue.keys[0]!);
    reason = "is not a known field";
  }
  throw new SDKValidationError(path.join(".") || "request", reason, value);
}

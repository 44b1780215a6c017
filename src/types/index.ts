/**
 * The helper types `@openrouter/sdk` exports from its `types` entry point: the {@link Result} of the
 * standalone functions and the enum types of request fields.
 *
 * @module openrouter-oauth/types
 */

export type { Err, OK, Result } from "../lib/result.js";
export type { ClosedEnum, OpenEnum, Unrecognized } from "./enums.js";

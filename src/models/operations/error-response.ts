import type { components } from "../../../generated/openrouter-oauth.js";
import type { CamelCased } from "../../lib/casing.js";

/**
 * OpenRouter's JSON error body, camelCased: `{ error: { code, message, metadata }, userId, openrouterMetadata }`.
 *
 * @interface
 * @property error - What went wrong: the status `code`, a `message` for people and optional `metadata`.
 */
export type ErrorResponse = CamelCased<components["schemas"]["ErrorResponse"]>;

import type { components } from "../../../generated/openrouter-oauth.js";
import type { CamelCased } from "../../lib/casing.js";

// Upstream names one error body per status (BadRequestResponse, ForbiddenResponse, …), all of one
// shape; the type test checks that they still agree, so one of them stands for all.
/**
 * OpenRouter's JSON error body, camelCased: `{ error: { code, message, metadata }, userId, openrouterMetadata }`.
 *
 * @interface
 * @property error - What went wrong: the status `code`, a `message` for people and optional `metadata`.
 * @property openrouterMetadata - Extra metadata from OpenRouter, when there is any.
 */
export type ErrorResponse = CamelCased<components["schemas"]["BadRequestResponse"]>;

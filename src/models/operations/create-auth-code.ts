import type { CreateAuthKeysCodeRequestBody } from "../../../generated/public-types.js";
import type { AppHeaders } from "./app-headers.js";

// The bodies are generated from the spec as documented interfaces (scripts/public-types.mjs).
export type {
  CreateAuthKeysCodeRequestBody,
  CreateAuthKeysCodeResponse,
  CreateAuthKeysCodeResponseData,
} from "../../../generated/public-types.js";

/** The request of {@link oAuthCreateAuthCode}: the body plus optional per-request app headers. */
export interface CreateAuthKeysCodeRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: CreateAuthKeysCodeRequestBody;
}

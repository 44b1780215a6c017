import type { ExchangeAuthCodeForAPIKeyRequestBody } from "../../../generated/public-types.js";
import type { AppHeaders } from "./app-headers.js";

// The bodies are generated from the spec as documented interfaces (scripts/public-types.mjs).
export type {
  ExchangeAuthCodeForAPIKeyRequestBody,
  ExchangeAuthCodeForAPIKeyResponse,
} from "../../../generated/public-types.js";

/** The request of {@link oAuthExchangeAuthCodeForAPIKey}: the body plus optional per-request app headers. */
export interface ExchangeAuthCodeForAPIKeyRequest extends AppHeaders {
  /** The JSON body, camelCase here and snake_case on the wire. */
  requestBody: ExchangeAuthCodeForAPIKeyRequestBody;
}

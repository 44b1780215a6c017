import { OpenRouterCore } from "./core.js";
import { OAuth } from "./oauth.js";

/**
 * The OpenRouter OAuth client. Methods resolve with the value or throw a typed error.
 *
 * @example
 * const openRouter = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
 * const { data } = await openRouter.oAuth.createAuthCode({ requestBody: { callbackUrl } });
 */
export class OpenRouter extends OpenRouterCore {
  #oAuth: OAuth | undefined;

  /** OAuth authentication endpoints. */
  get oAuth(): OAuth {
    this.#oAuth ??= new OAuth(this);
    return this.#oAuth;
  }
}

/**
 * The sign-in of a browser app with OpenRouter in one controller, {@link createBrowserSignIn}: PKCE and a
 * nonce bound to the tab, the code taken out of the address bar, one exchange per login (React StrictMode
 * included), the key kept in localStorage (shared by the site's tabs), sessionStorage, memory or a storage
 * of your own, and typed errors that never hold a secret. Web-standard APIs only.
 *
 * @module openrouter-oauth/browser
 */

export {
  type BrowserSignIn,
  type BrowserSignInOptions,
  type BrowserSignInState,
  createBrowserSignIn,
} from "./browser-sign-in.js";
export { BrowserSignInError, type BrowserSignInErrorKind } from "./browser-sign-in-error.js";
export type { KeyStorage } from "./key-storage.js";

// The app's one sign-in controller, created once for the page, outside React: components share it, and
// React's StrictMode (which mounts, unmounts and mounts again) cannot create a second one.
import { createBrowserSignIn } from "openrouter-oauth/browser";

declare global {
  interface Window {
    /** Set by config.js, next to index.html: the API server; the consent page is `/auth` on its origin. */
    openRouterExampleConfig?: { serverURL?: string };
  }
}

export const signIn = createBrowserSignIn({
  serverURL: window.openRouterExampleConfig?.serverURL ?? "https://openrouter.ai/api/v1",
});

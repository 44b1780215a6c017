import type { BrowserSignIn, BrowserSignInState } from "openrouter-oauth/browser";
import { useCallback, useEffect, useSyncExternalStore } from "react";

/**
 * The controller's state as React state, and the end of a login: on mount it calls `finish()`, which
 * exchanges the code only when this tab started the login, and returns the same promise when StrictMode
 * runs the effect twice, so one login is one exchange.
 *
 * @example
 * const state = useSignIn(signIn);
 * if (state.status === "connected") return <p>Connected as {state.maskedKey}</p>;
 */
export function useSignIn(signIn: BrowserSignIn): BrowserSignInState {
  const subscribe = useCallback((onChange: () => void) => signIn.subscribe(onChange), [signIn]);
  const getState = useCallback(() => signIn.getState(), [signIn]);
  const state = useSyncExternalStore(subscribe, getState, getState);
  useEffect(() => {
    void signIn.finish();
  }, [signIn]);
  return state;
}

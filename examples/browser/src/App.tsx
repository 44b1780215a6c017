// The page: signed out, it offers "Sign in with OpenRouter"; back from the consent page, the controller
// exchanges the code once and the page shows "Connected", the masked key and "Sign out". Every text is
// rendered by React as text, including what came from the consent page.
import type { BrowserSignInError, BrowserSignInErrorKind, BrowserSignInState } from "openrouter-oauth/browser";
import { useEffect, useRef, useState } from "react";
import { SignInButton, type SignInButtonSize, type SignInButtonVariant } from "./SignInButton.js";
import { signIn } from "./signIn.js";
import { useSignIn } from "./useSignIn.js";

/** What went wrong, in words a person can act on; without `text`, the controller's own message says it. */
const ERROR_TEXT: Record<BrowserSignInErrorKind, { title: string; text?: string }> = {
  denied: {
    title: "OpenRouter didn't connect",
    text: "The request was declined on OpenRouter, so no key was created. You can try again whenever you like.",
  },
  not_this_tab: {
    title: "That sign-in link wasn't used",
    text: "It didn't come from a sign-in started in this tab, so nothing was exchanged. Sign in again from here.",
  },
  nonce_mismatch: {
    title: "That sign-in link wasn't used",
    text: "It belongs to a different sign-in than the one started in this tab, so nothing was exchanged. Sign in again.",
  },
  missing_code: {
    title: "That sign-in link wasn't used",
    text: "OpenRouter sent no code back, so there was nothing to exchange. Sign in again.",
  },
  exchange_failed: { title: "Sign-in didn't finish" },
  storage_unavailable: {
    title: "This browser is blocking site storage",
    text: "Signing in needs to keep a little data for this site. Allow site data (or leave private browsing) and try again.",
  },
  start_failed: { title: "Sign-in can't start on this page" },
  invalid_options: { title: "This page is set up wrongly" },
};

function ErrorNotice({ error }: { readonly error: BrowserSignInError }) {
  const { title, text = error.message } = ERROR_TEXT[error.kind];
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p>{text}</p>
      {/* The consent page's own words: untrusted, shown as text (React never renders it as HTML). */}
      {error.kind === "denied" && error.reason !== undefined && (
        <p className="notice__detail">OpenRouter said: {error.reason}</p>
      )}
    </div>
  );
}

function SignedIn({
  state,
  onSignOut,
}: {
  readonly state: Extract<BrowserSignInState, { status: "connected" }>;
  readonly onSignOut: () => void;
}) {
  return (
    <div className="connected">
      <p className="connected__status">
        <span className="dot" aria-hidden="true" />
        Connected
      </p>
      <dl className="connected__details">
        <dt>API key</dt>
        <dd>
          <code className="key">{state.maskedKey}</code>
        </dd>
        {state.userId !== null && (
          <>
            <dt>User</dt>
            <dd>
              <code>{state.userId}</code>
            </dd>
          </>
        )}
      </dl>
      <button type="button" className="button-plain" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  );
}

const STATUS_TEXT: Partial<Record<BrowserSignInState["status"], string>> = {
  redirecting: "Taking you to OpenRouter…",
  exchanging: "Finishing sign-in…",
};

export function App() {
  const state = useSignIn(signIn);
  // "Sign out" goes away with the connected view: keyboard focus moves to the sign-in button that replaces it.
  const signInButton = useRef<HTMLButtonElement>(null);
  const focusSignIn = useRef(false);
  useEffect(() => {
    if (state.status === "signed-out" && focusSignIn.current) signInButton.current?.focus();
    focusSignIn.current = false;
  }, [state.status]);
  return (
    <div className="page">
      <main className="card" aria-labelledby="title">
        <div className="card__brand">
          <span className="app-badge" aria-hidden="true">
            E
          </span>
          <span>Example app</span>
        </div>
        <h1 id="title">Use your own OpenRouter key</h1>
        <p className="lede">
          Sign in with OpenRouter and this app gets an API key you control: you set its limit, you can revoke it at any
          time.
        </p>
        {state.status === "connected" ? (
          <SignedIn
            state={state}
            onSignOut={() => {
              focusSignIn.current = true;
              signIn.signOut();
            }}
          />
        ) : (
          <div className="sign-in">
            {state.status === "signed-out" && state.error !== undefined && <ErrorNotice error={state.error} />}
            <SignInButton
              ref={signInButton}
              size="lg"
              busy={state.status === "redirecting" || state.status === "exchanging"}
              onClick={() => void signIn.signIn()}
            />
          </div>
        )}
        <p className="status" role="status">
          {STATUS_TEXT[state.status] ?? ""}
        </p>
      </main>
      <ButtonGallery />
      <ThemeSwitch />
    </div>
  );
}

const VARIANTS: readonly SignInButtonVariant[] = ["primary", "secondary", "outline", "ghost", "link"];
const SIZES: readonly SignInButtonSize[] = ["sm", "md", "lg"];

/** The button's variants and sizes, folded away; inert, so neither Tab nor a screen reader stops on the copies. */
function ButtonGallery() {
  return (
    <details className="gallery">
      <summary>Button styles</summary>
      <div className="gallery__grid" aria-hidden="true" inert>
        {VARIANTS.map((variant) => (
          <div key={variant} className="gallery__item">
            <span className="gallery__label">{variant}</span>
            <SignInButton variant={variant} tabIndex={-1} />
          </div>
        ))}
        {SIZES.map((size) => (
          <div key={size} className="gallery__item">
            <span className="gallery__label">primary, {size}</span>
            <SignInButton size={size} tabIndex={-1} />
          </div>
        ))}
      </div>
    </details>
  );
}

type Theme = "system" | "light" | "dark";

/** Follows the system by default; a choice here sets `data-theme` on <html>, which the styles prefer. */
function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    if (theme === "system") delete document.documentElement.dataset["theme"];
    else document.documentElement.dataset["theme"] = theme;
  }, [theme]);
  return (
    <fieldset className="theme-switch">
      <legend>Theme</legend>
      {(["system", "light", "dark"] as const).map((value) => (
        <label key={value}>
          <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => setTheme(value)} />
          {value[0]!.toUpperCase() + value.slice(1)}
        </label>
      ))}
    </fieldset>
  );
}

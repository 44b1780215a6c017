// The example's HTML: one small card per page, inline CSS (light and dark, from prefers-color-scheme), an
// inline SVG mark drawn for this example. No scripts, no external requests.

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** `sk-or-v1-…abcd`: enough for a person to recognise their key, not enough to use it. */
export function maskKey(key: string): string {
  const prefix = /^(?:[a-z]+-)+v\d+-/.exec(key)?.[0] ?? "";
  // The last four characters only of a key long enough that they give little of it away.
  return `${prefix}…${key.length >= prefix.length + 12 ? key.slice(-4) : ""}`;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f6f6f7;--bg2:#ececef;--card:#fff;--text:#111114;--muted:#5f5f6b;--line:#e3e3e8;
--primary:#111114;--on-primary:#fff;--accent:#6366f1;--ok:#15803d;--ok-bg:#e8f6ec;--warn:#b45309;--warn-bg:#fdf3e4;
--code:#f3f3f6;--shadow:0 1px 2px rgb(16 16 24/.05),0 12px 32px -12px rgb(16 16 24/.16)}
@media (prefers-color-scheme:dark){:root{--bg:#0b0b0e;--bg2:#15151b;--card:#17171c;--text:#f3f3f6;--muted:#a1a1ad;
--line:#2a2a33;--primary:#f3f3f6;--on-primary:#111114;--accent:#818cf8;--ok:#4ade80;--ok-bg:#13261a;--warn:#fbbf24;
--warn-bg:#2a2112;--code:#101014;--shadow:0 1px 2px rgb(0 0 0/.4),0 16px 40px -16px rgb(0 0 0/.7)}}
*{box-sizing:border-box}
html,body{margin:0;min-height:100%}
body{font:16px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--text);background:radial-gradient(1200px 600px at 50% -10%,var(--bg2),var(--bg));display:flex;
flex-direction:column;align-items:center;justify-content:center;min-height:100vh;padding:24px}
main{width:100%;max-width:420px;background:var(--card);border:1px solid var(--line);border-radius:16px;
box-shadow:var(--shadow);padding:28px 28px 24px}
.brand{display:flex;align-items:center;gap:10px;font-weight:600;font-size:15px;margin-bottom:28px}
.brand svg{width:28px;height:28px;flex:none}
.brand small{margin-left:auto;font-weight:500;font-size:12px;color:var(--muted);border:1px solid var(--line);
border-radius:999px;padding:1px 8px}
h1{font-size:22px;line-height:1.3;margin:0 0 8px;letter-spacing:-.01em}
p{margin:0 0 16px;color:var(--muted)}
.badge{display:inline-flex;align-items:center;gap:6px;font-size:13px;font-weight:600;border-radius:999px;
padding:2px 10px;margin-bottom:14px}
.badge::before{content:"";width:7px;height:7px;border-radius:50%;background:currentColor}
.badge.ok{color:var(--ok);background:var(--ok-bg)}
.badge.warn{color:var(--warn);background:var(--warn-bg)}
dl{margin:0 0 20px;border:1px solid var(--line);border-radius:12px;overflow:hidden}
dl div{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:10px 14px}
dl div+div{border-top:1px solid var(--line)}
dt{color:var(--muted);font-size:14px}
dd{margin:0;min-width:0;overflow-wrap:anywhere;text-align:right}
code{font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);
border:1px solid var(--line);border-radius:6px;padding:1px 6px}
form{margin:0}
.button{display:flex;width:100%;align-items:center;justify-content:center;gap:10px;font:inherit;font-weight:600;
font-size:15px;border-radius:10px;padding:11px 16px;cursor:pointer;text-decoration:none;border:1px solid transparent;
transition:opacity .15s}
.button svg{width:20px;height:20px;flex:none}
.primary{background:var(--primary);color:var(--on-primary)}
.primary:hover{opacity:.88}
.secondary{background:transparent;color:var(--text);border-color:var(--line)}
.secondary:hover{background:var(--code)}
.button:focus-visible,a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.fine{font-size:13px;margin:16px 0 0;text-align:center}
.fine a{color:var(--text)}
footer{margin-top:20px;font-size:12px;color:var(--muted);text-align:center}
`;

/** The example's mark: a route splitting into three, in a rounded tile (drawn for this example). */
const MARK = `<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="currentColor"/><path d="M7 16h6.5c2.5 0 3.5-6 6-6H25M13.5 16c2.5 0 3.5 6 6 6H25M13.5 16H25" fill="none" stroke="var(--card)" stroke-width="2.4" stroke-linecap="round"/><circle cx="7" cy="16" r="2.6" fill="var(--card)"/></svg>`;
/** The same mark for the dark-on-light (or light-on-dark) button. */
const BUTTON_MARK = `<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><path d="M5 16h8.5c2.5 0 3.5-7 6.5-7H27M13.5 16c2.5 0 3.5 7 6.5 7H27M13.5 16H27" fill="none" stroke="currentColor" stroke-width="2.8" stroke-linecap="round"/><circle cx="5" cy="16" r="3" fill="currentColor"/></svg>`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeHtml(title)} · Connect OpenRouter</title><style>${STYLE}</style></head><body><main><div class="brand">${MARK}<span>Connect OpenRouter</span><small>example app</small></div>${body}</main><footer>Your OpenRouter key stays on this server; this page never shows it in full.</footer></body></html>`;
}

const signInButton = `<form method="get" action="/login"><button class="button primary" type="submit">${BUTTON_MARK}<span>Sign in with OpenRouter</span></button></form>`;

/** GET / when not connected. */
export const signedOutPage = (): string =>
  layout(
    "Sign in",
    `<h1>Connect your OpenRouter account</h1><p>Sign in on OpenRouter and approve this app: it receives an API key of its own for your account, kept on this server.</p>${signInButton}<p class="fine">You can revoke the key at any time in your OpenRouter settings, under Keys.</p>`,
  );

/** GET / when connected: the masked key, and a sign-out form (POST /logout). */
export const connectedPage = (account: { readonly key: string; readonly userId: string | null }): string =>
  layout(
    "Connected",
    `<span class="badge ok">Connected</span><h1>Your OpenRouter account is connected</h1><p>This app can now call OpenRouter with the key below, on your behalf.</p><dl><div><dt>API key</dt><dd><code>${escapeHtml(maskKey(account.key))}</code></dd></div>${account.userId === null ? "" : `<div><dt>User</dt><dd><code>${escapeHtml(account.userId)}</code></dd></div>`}</dl><form method="post" action="/logout"><button class="button secondary" type="submit">Sign out</button></form>`,
  );

/** A page that explains what went wrong and offers a way on: sign in again (default) or go home. */
export const problemPage = (title: string, explanation: string, next: "sign in" | "home" = "sign in"): string =>
  layout(
    title,
    `<span class="badge warn">Not connected</span><h1>${escapeHtml(title)}</h1><p>${escapeHtml(explanation)}</p>${
      next === "sign in" ? signInButton : `<a class="button secondary" href="/">Back to the start</a>`
    }${next === "sign in" ? `<p class="fine"><a href="/">Back to the start</a></p>` : ""}`,
  );

// The small pages the loopback server answers the browser with. They never show the code or the key,
// and everything they echo (a denial's error_description, a server message) is HTML-escaped.

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Headers of every page: no caching, no referrer (the callback URL holds the code), no scripts. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
};

function page(title: string, lines: readonly string[]): string {
  const paragraphs = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style>` +
    `</head><body><h1>${escapeHtml(title)}</h1>${paragraphs}</body></html>`
  );
}

/** Shown once the key was obtained. */
export const successPage = (): string =>
  page("Signed in to OpenRouter", ["You can close this tab and return to your terminal."]);

/** Shown when the login failed; `reason` is untrusted text and is escaped. */
export const failurePage = (reason: string): string =>
  page("Sign-in to OpenRouter failed", [reason, "You can close this tab and return to your terminal."]);

/** Shown to a second callback: the login already took the first one. */
export const alreadyHandledPage = (): string =>
  page("Already handled", ["This sign-in was already handled. You can close this tab."]);

/** Shown for any other address on the loopback server. */
export const notFoundPage = (): string => page("Not found", ["There is nothing here."]);

// The pending login (PKCE verifier and nonce) travels in a cookie, sealed with AES-GCM under a key derived
// from the server's secret: the browser holds only ciphertext, and any change to it fails the seal's tag.
// Web Crypto only, so the same code runs on Node, Bun, Deno and workerd.

/** What the login cookie carries between GET /login and GET /callback. */
export interface PendingLogin {
  readonly codeVerifier: string;
  readonly nonce: string;
  /** When the pending login stops being accepted (ms since the epoch). */
  readonly expiresAt: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const IV_BYTES = 12;

const toBase64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * An AES-GCM key for login cookies, derived (HKDF-SHA-256) from `secret`, which must be at least 32
 * characters: e.g. `openssl rand -base64 32`, kept outside the code.
 */
export async function cookieKey(secret: string): Promise<CryptoKey> {
  if (secret.length < 32) throw new Error("the cookie secret must be at least 32 characters long");
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("openrouter-oauth server example"), info: new Uint8Array() },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/**
 * Seals `login` for the cookie named `name` (bound in as associated data, so a value sealed for one
 * cookie cannot be replayed as another): base64url of a fresh 12-byte IV followed by the ciphertext.
 */
export async function seal(key: CryptoKey, name: string, login: PendingLogin): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plaintext = encoder.encode(JSON.stringify(login));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(name) }, key, plaintext),
  );
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return toBase64Url(out);
}

/**
 * Opens a value made by {@link seal}: the pending login, or undefined when the value was not sealed with
 * this key for this cookie (forged, altered, truncated) or has expired by `now`.
 */
export async function unseal(
  key: CryptoKey,
  name: string,
  value: string,
  now: number,
): Promise<PendingLogin | undefined> {
  const bytes = fromBase64Url(value);
  if (bytes === undefined || bytes.length <= IV_BYTES + 16) return undefined;
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES), additionalData: encoder.encode(name) },
      key,
      bytes.slice(IV_BYTES),
    );
  } catch {
    return undefined;
  }
  const login = JSON.parse(decoder.decode(plaintext)) as PendingLogin;
  if (typeof login.codeVerifier !== "string" || typeof login.nonce !== "string") return undefined;
  if (!(typeof login.expiresAt === "number" && now < login.expiresAt)) return undefined;
  return login;
}

// Sealing with AES-GCM under keys derived (HKDF-SHA-256) from the server's SESSION_SECRET: the pending login
// travels in a sealed cookie, and the connected account (the user's key) is sealed before it reaches the
// store, so neither the browser nor whoever reads the store holds a secret in clear. Each sealed value is
// bound to a label (the cookie's name, the store key) as associated data: moved elsewhere, it does not open.
// Web Crypto only, so the same code runs on Node, Bun, Deno and workerd.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const toBase64Url = (bytes: Uint8Array): string =>
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

/** What a key seals: the login cookie, or the accounts kept in the store. One secret, one key per use. */
export type SealPurpose = "login cookie" | "stored account";

/**
 * An AES-GCM key for `purpose`, derived (HKDF-SHA-256) from `secret`, which must be at least 32 characters:
 * e.g. `openssl rand -base64 32`, kept outside the code.
 */
export async function sealingKey(secret: string, purpose: SealPurpose): Promise<CryptoKey> {
  if (secret.length < 32) throw new Error("the session secret must be at least 32 characters long");
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("openrouter-oauth server example"),
      info: encoder.encode(purpose),
    },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Seals `value` (as JSON) for `label`: base64url of a fresh 12-byte IV followed by the ciphertext and tag. */
export async function seal(key: CryptoKey, label: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plaintext = encoder.encode(JSON.stringify(value));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(label) }, key, plaintext),
  );
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return toBase64Url(out);
}

/**
 * Opens a value made by {@link seal}: its JSON, parsed, or undefined when it was not sealed with this key for
 * this label (forged, altered, truncated, moved). The caller checks the shape.
 */
export async function unseal(key: CryptoKey, label: string, sealed: string): Promise<unknown> {
  const bytes = fromBase64Url(sealed);
  if (bytes === undefined || bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES), additionalData: encoder.encode(label) },
      key,
      bytes.slice(IV_BYTES),
    );
    return JSON.parse(decoder.decode(plaintext)) as unknown;
  } catch {
    return undefined;
  }
}

/** SHA-256 of `text`, hex: store keys that name a nonce or a session id without holding it. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** RFC 4648 base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `size` bytes from the platform's CSPRNG, base64url-encoded. */
export const randomToken = (size: number): string => base64url(crypto.getRandomValues(new Uint8Array(size)));

// On Deno, listening without network permission does not fail through the server's "error" event: its Node
// layer throws NotCapable from a later tick, which nothing can catch, and the process dies with a stack trace.
// So the loopback login asks first: Deno prompts on a terminal, and without one the answer is a clear error.

interface PermissionStatus {
  readonly state: "granted" | "denied" | "prompt";
}

interface DenoPermissions {
  querySync?(descriptor: { name: "net"; host: string }): PermissionStatus;
  requestSync?(descriptor: { name: "net"; host: string }): PermissionStatus;
}

/**
 * Whether this is Deno and it will not let the program listen on `host`: the permission is neither granted
 * nor given when asked (Deno asks on a terminal). Always false on Node and Bun.
 */
export function denoDeniesListening(host: string): boolean {
  const permissions = (globalThis as { Deno?: { permissions?: DenoPermissions } }).Deno?.permissions;
  if (typeof permissions?.querySync !== "function") return false;
  try {
    const descriptor = { name: "net", host } as const;
    if (permissions.querySync(descriptor).state === "granted") return false;
    return permissions.requestSync?.(descriptor).state !== "granted";
  } catch {
    return false; // an API this code does not know: let listen() say what it says
  }
}

// The runtime's environment, read only where one exists: `process.env` in Node and Bun, `Deno.env` when
// Deno grants it. Browsers and workers have neither, so every variable reads as unset there.

interface DenoGlobal {
  env: { get(name: string): string | undefined };
  permissions: { querySync(descriptor: { name: "env"; variable: string }): { state: string } };
}

/**
 * The value of environment variable `name`, or undefined when it is unset, empty or cannot be read.
 * Never throws, and never makes Deno prompt: without `--allow-env` a variable reads as unset.
 */
export function readEnv(name: string): string | undefined {
  const { Deno, process } = globalThis as { Deno?: DenoGlobal; process?: { env?: Record<string, string | undefined> } };
  try {
    // Deno first: Deno 2 also has a `process` whose env asks for the same permission. (A Deno too old for
    // querySync throws here: unset.)
    const value = Deno
      ? Deno.permissions.querySync({ name: "env", variable: name }).state === "granted"
        ? Deno.env.get(name)
        : undefined
      : process?.env?.[name];
    return value || undefined;
  } catch {
    return undefined;
  }
}

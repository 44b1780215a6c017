// The settings the runtime entries read from their environment, checked at start-up: a bad one stops the
// server with one line that says what to fix (ConfigError), before it serves anything.

/** A setting that is missing or wrong; its message is one line, meant for the person starting the server. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface ServerConfig {
  /** SESSION_SECRET: seals the login cookie and the stored accounts; 32 characters or more. */
  readonly secret: string;
  /** OPENROUTER_BASE_URL: the API (a local stand-in, a gateway); unset, OpenRouter's own. */
  readonly serverURL: string | undefined;
  /** REDIS_URL: keep sessions and used nonces in this Redis (shared by every instance); unset, in memory. */
  readonly redisUrl: string | undefined;
  /** PORT, default 3000. */
  readonly port: number;
}

/**
 * Reads and checks the settings; throws a {@link ConfigError} naming the variable to fix. (`OPENROUTER_SERVER_URL`
 * is the older name of `OPENROUTER_BASE_URL`, still read.)
 */
export function readConfig(env: (name: string) => string | undefined): ServerConfig {
  const read = (name: string) => {
    const value = env(name)?.trim();
    return value === "" ? undefined : value;
  };
  const secret = env("SESSION_SECRET") ?? "";
  if (secret === "") {
    throw new ConfigError(
      "SESSION_SECRET is not set: set it to 32 or more random characters (openssl rand -base64 32)",
    );
  }
  if (secret.length < 32) {
    throw new ConfigError(
      `SESSION_SECRET is too short (${secret.length} characters): use 32 or more random characters (openssl rand -base64 32)`,
    );
  }
  const serverURL = read("OPENROUTER_BASE_URL") ?? read("OPENROUTER_SERVER_URL");
  if (serverURL !== undefined && !/^https?:\/\//.test(serverURL)) {
    throw new ConfigError(`OPENROUTER_BASE_URL must be an http(s) URL, such as https://openrouter.ai/api/v1`);
  }
  const redisUrl = read("REDIS_URL");
  if (redisUrl !== undefined && !(URL.canParse(redisUrl) && /^rediss?:$/.test(new URL(redisUrl).protocol))) {
    throw new ConfigError("REDIS_URL must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379");
  }
  const port = read("PORT") ?? "3000";
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) {
    throw new ConfigError(`PORT must be a port number (0-65535), not ${JSON.stringify(port)}`);
  }
  return { secret, serverURL, redisUrl, port: Number(port) };
}

// The store for the Node, Bun and Deno entries: unstorage's Redis driver when REDIS_URL is set (every
// instance sharing it behaves as one app), else its memory driver (one process; state ends with it).
// The Redis driver (and ioredis) is imported only when used: the memory path bundles for any runtime.
import { createStorage, type Storage } from "unstorage";
import { ConfigError } from "./config.js";

/** Opens the store; with `redisUrl`, checks that Redis answers (a ConfigError if it does not). */
export async function openStorage(redisUrl: string | undefined): Promise<Storage> {
  if (redisUrl === undefined) return createStorage();
  const { default: redisDriver } = await import("unstorage/drivers/redis");
  // One retry per command, not ioredis' endless queueing: a request fails instead of hanging when Redis is down.
  const driver = redisDriver({ url: redisUrl, maxRetriesPerRequest: 1 });
  const storage = createStorage({ driver });
  // ioredis reports a lost connection as an "error" event (printed with a stack when nobody listens): one line
  // per outage instead; it reconnects by itself, and requests meanwhile fail with a 500 page.
  let down = true; // until the first connection: the check below reports that one
  const client = driver.getInstance?.() as { on(event: string, listener: (error?: Error) => void): void };
  client.on("error", (error) => {
    if (!down) console.error(`server example: Redis connection lost (${error?.message}); reconnecting`);
    down = true;
  });
  client.on("ready", () => {
    down = false;
  });
  try {
    await storage.hasItem("openrouter-example:ping");
  } catch (error) {
    await storage.dispose();
    const { host } = new URL(redisUrl); // never the URL itself: it may hold a password
    throw new ConfigError(`REDIS_URL: Redis at ${host} does not answer (${(error as Error).message.split("\n")[0]})`);
  }
  return storage;
}

// The app's state behind an async key-value store (unstorage), so the same code runs on Node, Bun, Deno and
// workerd, and several instances sharing one store (Redis) behave as one app:
// - `openrouter-example:nonce:<sha256 of a login's nonce>`: the login's callback was handled (kept until the
//   login would have expired), so a replayed callback never sends its code again;
// - `openrouter-example:session:<sha256 of a session id>`: the connected account, sealed (AES-GCM under a key
//   derived from SESSION_SECRET, bound to its store key): the store never holds a user's key in clear.
// Each record also carries its expiry, for drivers that ignore the `ttl` option (memory).
import { createStorage, type Storage } from "unstorage";
import { seal, sealingKey, sha256Hex, unseal } from "./seal.js";

/** What the server keeps for a connected browser session. `key` is the user's API key: a secret. */
export interface ConnectedAccount {
  readonly key: string;
  readonly userId: string | null;
}

const PREFIX = "openrouter-example";
const ttlSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The operations the routes need, over any unstorage {@link Storage}. */
export interface ConnectStore {
  /**
   * Marks a login's nonce used until `until` (ms since the epoch) and returns true, or returns false if it
   * already was: a replay.
   */
  claimNonce(nonce: string, until: number): Promise<boolean>;
  /** Keeps `account` for `sessionId` until `until` (ms since the epoch), sealed. */
  saveSession(sessionId: string, account: ConnectedAccount, until: number): Promise<void>;
  /** The account of a live session, or undefined (unknown, ended, expired, or not sealed by this secret). */
  readSession(sessionId: string): Promise<ConnectedAccount | undefined>;
  endSession(sessionId: string): Promise<void>;
}

/** A Redis client as ioredis exposes it (unstorage's redis driver's `getInstance()`): only SET NX EX is used. */
interface RedisLike {
  set(key: string, value: string, ex: "EX", seconds: number, nx: "NX"): Promise<"OK" | null>;
}

/**
 * The store over `storage` (default: unstorage's memory driver, for one process), sealing accounts under a
 * key derived from `secret`; `now` is the clock.
 */
export function createConnectStore(
  secret: string,
  storage: Storage = createStorage(),
  now: () => number = Date.now,
): ConnectStore {
  const accountKey = sealingKey(secret, "stored account");
  // Check-then-set for drivers without an atomic one, serialised within this process.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };
  const sessionKey = async (sessionId: string) => `${PREFIX}:session:${await sha256Hex(sessionId)}`;

  return {
    async claimNonce(nonce, until) {
      const key = `${PREFIX}:nonce:${await sha256Hex(nonce)}`;
      const record = JSON.stringify({ until });
      // Claimed before the exchange, whatever the exchange's outcome (record-then-exchange): a code is sent at
      // most once even if this instance dies mid-exchange (the user then signs in again). On Redis the claim
      // is one atomic SET NX EX, so of two instances handed the same callback at once exactly one exchanges.
      // unstorage has no compare-and-set, so other drivers check then set, serialised in this process: atomic
      // for the memory driver (one process anyway); a shared store without it (e.g. Workers KV) leaves a
      // small window, which OpenRouter closes by accepting each code once.
      const { base, driver } = storage.getMount(key);
      if (driver.name === "redis" && driver.getInstance) {
        // The key as the driver would write it: relative to its mount point, under its own `base` option.
        const driverBase = String(driver.options?.base ?? "").replace(/:$/, "");
        const redisKey = [driverBase, key.slice(base.length)].filter(Boolean).join(":");
        const redis = driver.getInstance() as RedisLike;
        return (await redis.set(redisKey, record, "EX", ttlSeconds(until - now()), "NX")) === "OK";
      }
      return serialised(async () => {
        const existing = await storage.getItem<{ until?: unknown }>(key);
        if (existing !== null && typeof existing.until === "number" && now() < existing.until) return false;
        await storage.setItem(key, record, { ttl: ttlSeconds(until - now()) });
        return true;
      });
    },

    async saveSession(sessionId, account, until) {
      const key = await sessionKey(sessionId);
      const sealed = await seal(await accountKey, key, { key: account.key, userId: account.userId, until });
      await storage.setItem(key, sealed, { ttl: ttlSeconds(until - now()) });
    },

    async readSession(sessionId) {
      const key = await sessionKey(sessionId);
      const sealed = await storage.getItem(key);
      if (typeof sealed !== "string") return undefined;
      const opened = (await unseal(await accountKey, key, sealed)) as Record<string, unknown> | undefined;
      if (typeof opened?.["key"] !== "string" || typeof opened["until"] !== "number") return undefined;
      if (now() >= opened["until"]) return undefined;
      const userId = typeof opened["userId"] === "string" ? opened["userId"] : null;
      return { key: opened["key"], userId };
    },

    async endSession(sessionId) {
      await storage.removeItem(await sessionKey(sessionId));
    },
  };
}

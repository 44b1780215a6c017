// The nonces of logins whose callback has been handled, each until its login would have expired, so that a
// replayed callback (even with a copy of its cookie) is refused before its code reaches OpenRouter again.
// Bounded and O(1) per callback whatever the traffic: a ring buffer in the order the nonces were used,
// pruned from its oldest end, beside a Map for lookups. (Not an insertion-ordered Map pruned from its
// front: V8 leaves a hole per deleted entry that each new iterator walks, so that cost grows with the store.)
// In memory, for one instance: several instances behind a load balancer need a store they share.

/** Default {@link UsedNonces} capacity: far above the callbacks one instance handles in a login's lifetime. */
export const DEFAULT_MAX_USED_NONCES = 10_000;

export class UsedNonces {
  /** Nonce → until when it is remembered (ms since the epoch). */
  readonly #until = new Map<string, number>();
  /** The same nonces in the order they were used, a ring of `capacity` slots starting at `#oldest`. */
  readonly #order: string[];
  #oldest = 0;

  /** @param capacity At most this many nonces are kept; past it, the oldest is forgotten first. */
  constructor(readonly capacity: number = DEFAULT_MAX_USED_NONCES) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
    this.#order = new Array<string>(capacity);
  }

  /** How many nonces are remembered (never more than `capacity`). */
  get size(): number {
    return this.#until.size;
  }

  /**
   * Marks `nonce` used until `until` and returns true, or returns false if it already was: a replay. Call
   * it only for a callback that will be exchanged, so junk requests cannot fill the store.
   */
  claim(nonce: string, until: number, now: number): boolean {
    // Expired nonces go first, oldest first; at most as many as were ever added, so O(1) amortized.
    while (this.size > 0 && (this.#until.get(this.#order[this.#oldest]!) ?? 0) <= now) this.#forgetOldest();
    if (this.#until.has(nonce)) return false;
    // Full of live nonces: the oldest goes. Its code is spent or near expiry, and OpenRouter refuses a
    // code twice anyway; this store is the cheap first refusal, not the only one.
    if (this.size === this.capacity) this.#forgetOldest();
    this.#order[(this.#oldest + this.size) % this.capacity] = nonce;
    this.#until.set(nonce, until);
    return true;
  }

  #forgetOldest(): void {
    this.#until.delete(this.#order[this.#oldest]!);
    this.#oldest = (this.#oldest + 1) % this.capacity;
  }
}

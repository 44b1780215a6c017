// The connected state carries the key, readable as `state.key` yet absent from every printed view of the
// state (console.log, util.inspect with any option, JSON, a spread): the key lives in a WeakMap, read
// through a Proxy that is the state's prototype and has no keys of its own (as the SDK's errors hide theirs).

const keys = /* @__PURE__ */ new WeakMap<object, string>();

const keyLayer: object = /* @__PURE__ */ new Proxy(Object.create(Object.prototype) as object, {
  get(target, property, receiver) {
    return property === "key" && keys.has(receiver) ? keys.get(receiver) : Reflect.get(target, property, receiver);
  },
  // `"key" in state` holds, as for an ordinary property (only connected states inherit from this layer).
  has: (target, property) => property === "key" || Reflect.has(target, property),
});

/** `sk-or-v1-…abcd`: enough to recognise the key, never the key (nothing of a short one). */
export function maskKey(key: string): string {
  const prefix = /^sk-or-v\d+-/.exec(key)?.[0] ?? "";
  return `${prefix}…${key.length >= prefix.length + 12 ? key.slice(-4) : ""}`;
}

/** The connected state: `status`, `maskedKey`, `userId` as own properties; `key` through the hidden layer. */
export function connectedState(
  key: string,
  userId: string | null,
): { status: "connected"; readonly key: string; maskedKey: string; userId: string | null } {
  const state = Object.assign(Object.create(keyLayer) as object, {
    status: "connected" as const,
    maskedKey: maskKey(key),
    userId,
  });
  keys.set(state, key);
  return state as typeof state & { readonly key: string };
}

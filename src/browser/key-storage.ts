/**
 * Where the key is kept: any object with these three methods (e.g. over an encrypted store). They may
 * throw; the controller turns that into a `storage_unavailable` error.
 */
export interface KeyStorage {
  /** The value stored under `name`, or null. */
  get(name: string): string | null;
  /** Stores `value` under `name`. */
  set(name: string, value: string): void;
  /** Removes what is stored under `name`. */
  remove(name: string): void;
}

/** @internal A KeyStorage over a Web Storage area, looked up at each use (a browser may refuse it at any time). */
export const webKeyStorage = (area: () => Storage): KeyStorage => ({
  get: (name) => area().getItem(name),
  set: (name, value) => area().setItem(name, value),
  remove: (name) => area().removeItem(name),
});

/** @internal A KeyStorage that forgets everything when the page goes. */
export function memoryKeyStorage(): KeyStorage {
  const values = new Map<string, string>();
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, value),
    remove: (name) => void values.delete(name),
  };
}

// Where our errors keep what may hold a secret: a response body, what was parsed from it, the Response,
// a cause that user code threw (it may carry the Request and its bearer key, or be the key itself).
//
// Private fields behind getters are not enough: util.inspect with `showHidden` walks the prototypes of
// user classes and, with `getters`, calls their getters. So these values live in a WeakMap and are read
// through one Proxy placed in the prototype chain of each error base class. The Proxy has no keys of its
// own, so nothing that lists properties finds them (util.inspect and console.log with every option,
// Deno.inspect, Bun's inspector, JSON.stringify, a spread, Object.getOwnPropertyNames), while reading
// `error.body` or `error.cause` by name works as for any property.

const hidden = new WeakMap<object, Record<string, unknown>>();

const layer: object = new Proxy(Object.create(Error.prototype) as object, {
  get(target, key, receiver) {
    const fields = hidden.get(receiver);
    return fields && typeof key === "string" && Object.hasOwn(fields, key)
      ? fields[key]
      : Reflect.get(target, key, receiver);
  },
});

/** Stores `fields` on `error`, readable by name (`error.body`) and invisible to every printed view. */
export function hideFields(error: Error, fields: Record<string, unknown>): void {
  hidden.set(error, Object.assign(hidden.get(error) ?? {}, fields));
}

/** Places the hidden layer under `base`'s prototype: call once, in the static block of a class that extends Error. */
export function readsHiddenFields(base: abstract new (...args: never[]) => Error): void {
  Object.setPrototypeOf(base.prototype, layer);
}

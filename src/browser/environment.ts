// What the sign-in controller uses of the page, in one place: tests hand the controller a fake of it.

/** The parts of a `storage` or `pageshow` event the controller reads. */
export interface PageEventLike {
  /** storage: the entry that changed (null when the area was cleared), its new value, and the area. */
  readonly key?: string | null;
  readonly newValue?: string | null;
  readonly storageArea?: unknown;
  /** pageshow: whether the page came back from the back/forward cache. */
  readonly persisted?: boolean;
}

/** @internal The page as the sign-in controller sees it. */
export interface BrowserEnvironment {
  readonly location: { readonly href: string; assign(url: string): void };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  /** The page's localStorage or sessionStorage; throws when the browser refuses it (Safari private mode, disabled storage). */
  storage(area: "local" | "session"): Storage;
  addEventListener(type: "storage" | "pageshow", listener: (event: PageEventLike) => void): void;
  removeEventListener(type: "storage" | "pageshow", listener: (event: PageEventLike) => void): void;
}

/** @internal The real page: every property is read when used, as a browser may refuse storage at any time. */
export const browserEnvironment: BrowserEnvironment = {
  get location() {
    return globalThis.location;
  },
  get history() {
    return globalThis.history;
  },
  storage(area) {
    // Reading `localStorage` itself throws where storage is disabled; it is undefined outside browsers.
    const storage = globalThis[area === "local" ? "localStorage" : "sessionStorage"];
    if (!storage) throw new TypeError(`${area}Storage is not available`);
    return storage;
  },
  addEventListener: (type, listener) => globalThis.addEventListener?.(type, listener),
  removeEventListener: (type, listener) => globalThis.removeEventListener?.(type, listener),
};

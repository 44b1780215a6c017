// A fake of exactly the part of the `vscode` API that examples/vscode-extension uses, for driving the
// extension's bundle in a test. Where VS Code's behaviour matters to a sign-in, the fake copies it:
// - `Uri` keeps its components decoded; `toString()` encodes the query's `=` and `&` (%3D, %26), and
//   `toString(true)` gives the components as they are;
// - `env.openExternal` opens a string as it is, but a Uri as `encodeURI(uri.toString(true))`, as VS Code's
//   opener service does, so a Uri whose query holds an encoded URL comes out mangled;
// - `env.asExternalUri` on the desktop adds `windowId=<n>` to a callback URI's query.

/** VS Code's Uri, as far as the extension uses it. */
export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}

  static parse(value: string): Uri {
    const match = /^(([^:/?#]+?):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/.exec(value);
    if (!match?.[2]) throw new Error(`[UriError]: Scheme is missing: {scheme: "", path: "${value}"}`);
    const decode = (part: string | undefined) => {
      try {
        return decodeURIComponent(part ?? "");
      } catch {
        return part ?? "";
      }
    };
    return new Uri(match[2].toLowerCase(), decode(match[4]), decode(match[5]), decode(match[7]), decode(match[9]));
  }

  toString(skipEncoding = false): string {
    const encode = skipEncoding ? (part: string) => part : encodeURIComponent;
    const path = skipEncoding ? this.path : this.path.split("/").map(encodeURIComponent).join("/");
    return (
      `${this.scheme}:${this.authority ? `//${encode(this.authority)}` : ""}${path}` +
      `${this.query ? `?${encode(this.query)}` : ""}${this.fragment ? `#${encode(this.fragment)}` : ""}`
    );
  }
}

export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 } as const;

interface Disposable {
  dispose(): void;
}
interface UriHandler {
  handleUri(uri: Uri): void;
}
interface CancellationToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): Disposable;
}

/** A progress notification on screen; `cancel()` is the user pressing its Cancel button. */
export interface ShownProgress {
  readonly title: string;
  readonly cancellable: boolean;
  cancel(): void;
}

type Level = "info" | "warning" | "error";

/** What the extension did to the fake editor, and the test's handles to act as the user and the OS. */
export const editor = {
  uriScheme: "vscode",
  /** What `openExternal` answers: false is the user declining to open the link. */
  openExternalAnswer: true,
  /** Every URL the "browser" was asked to open, exactly as VS Code would hand it over. */
  opened: [] as string[],
  messages: [] as { level: Level; text: string }[],
  handlers: [] as UriHandler[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  progress: [] as ShownProgress[],
  openedWaiters: [] as ((url: string) => void)[],

  reset(): void {
    this.uriScheme = "vscode";
    this.openExternalAnswer = true;
    this.opened = [];
    this.messages = [];
    this.handlers = [];
    this.commands.clear();
    this.progress = [];
    this.openedWaiters = [];
  },

  /** Resolves with the next URL the extension opens in the browser. */
  nextOpened(): Promise<string> {
    return new Promise((resolve) => this.openedWaiters.push(resolve));
  },

  /** The OS opening a `vscode://…` link: VS Code hands it to the registered handlers. */
  deliver(url: string): void {
    for (const handler of this.handlers) handler.handleUri(Uri.parse(url));
  },

  record(url: string): void {
    this.opened.push(url);
    for (const waiter of this.openedWaiters.splice(0)) waiter(url);
  },
};

export const env = {
  get uriScheme(): string {
    return editor.uriScheme;
  },
  async asExternalUri(uri: Uri): Promise<Uri> {
    if (uri.scheme !== editor.uriScheme) return uri;
    return Uri.parse(`${uri.toString(true)}${uri.query ? "&" : "?"}windowId=1`);
  },
  async openExternal(target: Uri | string): Promise<boolean> {
    editor.record(typeof target === "string" ? target : encodeURI(target.toString(true)));
    return editor.openExternalAnswer;
  },
};

const say = (level: Level) => (text: string) => {
  editor.messages.push({ level, text });
  return Promise.resolve(undefined);
};

export const window = {
  registerUriHandler(handler: UriHandler): Disposable {
    editor.handlers.push(handler);
    return { dispose: () => editor.handlers.splice(editor.handlers.indexOf(handler), 1) };
  },
  async withProgress<T>(
    options: { location: number; title?: string; cancellable?: boolean },
    task: (progress: { report(value: unknown): void }, token: CancellationToken) => Promise<T>,
  ): Promise<T> {
    const listeners = new Set<() => void>();
    let cancelled = false;
    const token: CancellationToken = {
      get isCancellationRequested() {
        return cancelled;
      },
      onCancellationRequested(listener) {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    };
    const shown: ShownProgress = {
      title: options.title ?? "",
      cancellable: options.cancellable ?? false,
      cancel() {
        if (!this.cancellable || cancelled) return;
        cancelled = true;
        for (const listener of [...listeners]) listener();
      },
    };
    editor.progress.push(shown);
    try {
      return await task({ report() {} }, token);
    } finally {
      editor.progress.splice(editor.progress.indexOf(shown), 1);
    }
  },
  showInformationMessage: say("info"),
  showWarningMessage: say("warning"),
  showErrorMessage: say("error"),
};

export const commands = {
  registerCommand(id: string, run: (...args: unknown[]) => unknown): Disposable {
    editor.commands.set(id, run);
    return { dispose: () => editor.commands.delete(id) };
  },
};

/** An ExtensionContext with the parts the extension reads: its id, its subscriptions and SecretStorage. */
export function fakeContext(id = "openrouter-oauth-example.openrouter-sign-in") {
  const secrets = new Map<string, string>();
  return {
    subscriptions: [] as Disposable[],
    extension: { id },
    /** The SecretStorage's content, for assertions. */
    secretValues: secrets,
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => void secrets.set(key, value),
      delete: async (key: string) => void secrets.delete(key),
    },
  };
}

/** The module object the extension's bundle gets from `require("vscode")`. */
export const vscodeModule = { Uri, ProgressLocation, env, window, commands };

/**
 * Opens `url` in the user's default browser, best effort: the system's opener is started detached and
 * any failure (no opener installed, no display) is ignored, since the URL is also shown to the user.
 * `xdg-open` on Linux and BSDs, `open` on macOS, `rundll32 url.dll,FileProtocolHandler` on Windows
 * (unlike `cmd /c start` it passes the URL through without cmd's parsing of `&`). node:child_process is
 * loaded only here, when a browser is to be opened: it costs Node about 5 ms to load.
 */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["rundll32", ["url.dll,FileProtocolHandler", url]]
        : ["xdg-open", [url]];
  import("node:child_process")
    .then(({ spawn }) => {
      const child = spawn(command, args, { detached: true, stdio: "ignore", windowsHide: true });
      child.once("error", () => {});
      child.unref();
    })
    // spawn can throw synchronously (e.g. EPERM); opening the browser is only a convenience.
    .catch(() => {});
}

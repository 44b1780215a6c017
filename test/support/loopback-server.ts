// What every local server of the tests does alike: listen on a free 127.0.0.1 port, and close for good,
// dropping keep-alive connections that would otherwise hold the close (and the test run) open.
import type { Server } from "node:http";
import { connect, type Socket } from "node:net";

export interface LoopbackListener {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Stops listening and destroys every open connection; safe to call more than once. */
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1 and tracks its connections for {@link LoopbackListener.close}. */
export async function listenOnLoopback(server: Server): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as { port: number };
  let closing: Promise<void> | undefined;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** Whether a TCP connection to 127.0.0.1:`port` is refused, i.e. nothing listens there any more. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

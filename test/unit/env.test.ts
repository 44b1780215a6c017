// readEnv against stand-ins for each runtime's environment: Node/Bun's process.env, Deno's env with its
// permission answer, and globals that are missing or throw. (test/environment.test.ts runs the real ones.)
import { afterEach, describe, expect, test, vi } from "vitest";
import { readEnv } from "../../src/lib/env.js";

afterEach(() => {
  vi.unstubAllGlobals();
  delete process.env["OPENROUTER_UNIT_TEST"];
});

/** A Deno global whose env holds `values` and whose permission query answers `state` (or throws). */
const denoWith = (values: Record<string, string>, state: string | Error) => ({
  env: { get: (name: string) => values[name] },
  permissions: {
    querySync: () => {
      if (state instanceof Error) throw state;
      return { state };
    },
  },
});

describe("readEnv", () => {
  test("process.env (Node, Bun); empty counts as unset", () => {
    process.env["OPENROUTER_UNIT_TEST"] = "value";
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBe("value");
    process.env["OPENROUTER_UNIT_TEST"] = "";
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBeUndefined();
    expect(readEnv("OPENROUTER_UNIT_TEST_UNSET")).toBeUndefined();
  });

  test("Deno: read only when the permission is granted, and never through its process.env", () => {
    process.env["OPENROUTER_UNIT_TEST"] = "from process";
    vi.stubGlobal("Deno", denoWith({ OPENROUTER_UNIT_TEST: "from Deno" }, "granted"));
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBe("from Deno");
    for (const state of ["prompt", "denied"]) {
      vi.stubGlobal("Deno", denoWith({ OPENROUTER_UNIT_TEST: "from Deno" }, state));
      expect(readEnv("OPENROUTER_UNIT_TEST")).toBeUndefined();
    }
  });

  test("a Deno whose permission query throws (too old, or NotCapable) reads as unset", () => {
    vi.stubGlobal("Deno", denoWith({ OPENROUTER_UNIT_TEST: "x" }, new Error("NotCapable")));
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBeUndefined();
    vi.stubGlobal("Deno", { env: { get: () => "x" } });
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBeUndefined();
  });

  test("no process at all, a process without env, or an env that throws: unset, no crash", () => {
    vi.stubGlobal("process", undefined);
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBeUndefined();
    vi.stubGlobal("process", {});
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBeUndefined();
    vi.stubGlobal("process", {
      env: new Proxy(
        {},
        {
          get() {
            throw new Error("denied");
          },
        },
      ),
    });
    expect(readEnv("OPENROUTER_UNIT_TEST")).toBeUndefined();
  });
});

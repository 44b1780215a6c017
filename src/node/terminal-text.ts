// What the CLI shows of text that came from outside it (a server's message, a callback's error_description,
// a pasted line, a file name from the command line, the key itself): shown, never acted on by the terminal.

/**
 * Control characters (C0 with newline, carriage return and tab, DEL, C1), format characters (bidi
 * embeddings, overrides and isolates, zero-width characters, the BOM, tag characters…), line and paragraph
 * separators, and lone surrogates. Any of them lets a hostile text start a forged line, move the cursor or
 * reorder what the user reads.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

const visibleEscape = (character: string): string => {
  const named = NAMED[character];
  if (named !== undefined) return named;
  const code = character.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/**
 * `text` with every character that a terminal would act on, or that would hide or reorder text, written as
 * a visible escape (`\n`, `\u001b`, `\u202e`, `\u{e0041}`): the result is one line that reads as it is.
 * Backslashes are kept as they are (Windows paths stay readable); a text cannot forge a line with them.
 */
export const escapeForTerminal = (text: string): string => text.replace(UNSAFE, visibleEscape);

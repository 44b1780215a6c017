import * as z from "../lib/zod.js";
import { isRecord } from "./shared.js";

const optionalRecord = z.lazy(() => z.optional(z.nullable(z.custom<Record<string, unknown>>(isRecord))));

/** OpenRouter's error body, on the wire. Lenient: unknown fields are ignored, `code` may be a numeric string. */
export const errorResponseWire = z.lazy(() =>
  z.object({
    error: z.object({
      // Some servers send the code as a string ("400"): parseErrorBody reads it as its number.
      code: z.custom<number | string>((code) => typeof code === "number" || /^\d+$/.test(code as string)),
      message: z.string(),
      metadata: optionalRecord,
    }),
    user_id: z.optional(z.nullable(z.string())),
    openrouter_metadata: optionalRecord,
  }),
);

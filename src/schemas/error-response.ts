import * as z from "../lib/zod.js";
import { isRecord } from "./shared.js";

const optionalRecord = z.lazy(() => z.optional(z.nullable(z.custom<Record<string, unknown>>(isRecord))));

/** OpenRouter's error body, on the wire. Lenient: unknown fields are ignored, `code` may be a string. */
export const errorResponseWire = z.lazy(() =>
  z.object({
    error: z.object({
      code: z.custom<number | string>((code) => typeof code === "number" || typeof code === "string"),
      message: z.string(),
      metadata: optionalRecord,
    }),
    user_id: z.optional(z.nullable(z.string())),
    openrouter_metadata: optionalRecord,
  }),
);

import * as z from "zod/mini";

/** OpenRouter's error body, on the wire. Lenient: unknown fields are ignored, `code` may be a string. */
export const errorResponseWire = z.object({
  error: z.object({
    code: z.union([z.number(), z.string()]),
    message: z.string(),
    metadata: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  }),
  user_id: z.optional(z.nullable(z.string())),
  openrouter_metadata: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});

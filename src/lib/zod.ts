// The zod/mini builders the schemas use, and nothing else. The build bundles this one module with zod
// inlined and tree-shaken (scripts/build.mjs): loading all of zod/mini costs Node about 100 ms at
// start-up, and an inlined copy can never clash with a consumer's own zod.

export type { ZodMiniType } from "zod/mini";
export {
  custom,
  nullable,
  number,
  object,
  optional,
  refine,
  strictObject,
  string,
} from "zod/mini";

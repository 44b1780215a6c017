// The wire bodies of the generated `paths`, as openapi-fetch's typed client sees them: what the type tests
// hold the zod schemas and the public types to.
import type { FetchOptions, FetchResponse } from "openapi-fetch";
import type { PathsWithMethod } from "openapi-typescript-helpers";
import type { paths } from "../../generated/openrouter-oauth.js";

type PostPath = PathsWithMethod<paths, "post">;

/** The JSON body openapi-fetch's typed client takes for `POST path`. */
export type WireBody<P extends PostPath> = NonNullable<FetchOptions<paths[P]["post"]>["body"]>;

/** The 2xx JSON body openapi-fetch's typed client returns for `POST path`. */
export type WireData<P extends PostPath> = NonNullable<
  FetchResponse<paths[P]["post"], object, "application/json">["data"]
>;

// Upstream names one error body per status (BadRequestResponse, ForbiddenResponse, …), all of one shape;
// the type test checks that they still agree, and the generated interface stands for all of them.
export type { ErrorResponse, ErrorResponseErrorData } from "../../../generated/public-types.js";

/** A failure the maintainer can act on: printed as is, without a stack trace. Nothing was written. */
export class SpecSyncError extends Error {
  override name = "SpecSyncError";
}

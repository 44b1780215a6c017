/** The package version, kept equal to package.json's by scripts/sync-version.mjs. */
export const SDK_VERSION = "0.1.0";

// What `npm run spec:sync` keeps from OpenRouter's OpenAPI document, and where it writes in a workspace.
import { join } from "node:path";

/** One operation of the SDK: its upstream operationId, where upstream serves it, and the SDK method. */
export interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  sdkName: string;
}

/** The operations the SDK covers. Everything else in the upstream document is dropped. */
export const OPERATIONS: readonly OperationSpec[] = [
  { operationId: "createAuthKeysCode", method: "post", path: "/auth/keys/code", sdkName: "createAuthCode" },
  {
    operationId: "exchangeAuthCodeForAPIKey",
    method: "post",
    path: "/auth/keys",
    sdkName: "exchangeAuthCodeForAPIKey",
  },
];

/** The files of a workspace (the repository, or a copy of its relevant folders in tests). */
export const workspace = (root: string) => ({
  root,
  spec: join(root, "openapi", "openrouter-oauth.yaml"),
  overlay: join(root, "openapi", "overlay.yaml"),
  changesets: join(root, ".changeset"),
  generateScript: join(root, "scripts", "generate.mjs"),
  redoclyConfig: join(root, "redocly.yaml"),
  packageJson: join(root, "package.json"),
});

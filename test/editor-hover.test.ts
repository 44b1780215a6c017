// What an editor shows: TypeScript's language service (the one VS Code runs) asked for the hover (quick
// info) of every field of the public request and response types, as a consumer's code reaches them.
// A field without documentation fails, and so does a type whose hover shows a mapping instead of a shape.
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "./support/build-once.js";

/** The public types whose fields people hover, by the variable the probe declares for each. */
const ROOTS = {
  createRequest: "CreateAuthKeysCodeRequest",
  createResponse: "CreateAuthKeysCodeResponse",
  exchangeRequest: "ExchangeAuthCodeForAPIKeyRequest",
  exchangeResponse: "ExchangeAuthCodeForAPIKeyResponse",
  errorBody: "ErrorResponse",
} as const;

const probePath = join(repoRoot, "test", "__hover-probe__.ts");
const header =
  `import { OpenRouterCore, oAuthCreateAuthCode } from "../src/index.js";\n` +
  `import type { ${Object.values(ROOTS).join(", ")} } from "../src/index.js";\n` +
  Object.entries(ROOTS)
    .map(([variable, type]) => `declare const ${variable}: ${type};\n`)
    .join("");

/** A language service over the project's sources plus one in-memory file, the consumer's code. */
function languageService(probe: () => string): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.json could not be read");
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ ...config.options, noEmit: true }),
    getScriptFileNames: () => [probePath],
    getScriptVersion: () => String(probe().length),
    getScriptSnapshot: (file) => {
      const text = file === probePath ? probe() : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => repoRoot,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => file === probePath || ts.sys.fileExists(file),
    readFile: (file) => (file === probePath ? probe() : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

/** Every field path below the probe's variables (`createResponse.data.appId`…), found with the checker. */
function fieldPaths(service: ts.LanguageService): string[] {
  const program = service.getProgram()!;
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probePath)!;
  const paths: string[] = [];
  const walk = (type: ts.Type, path: string, depth: number) => {
    for (const property of checker.getPropertiesOfType(checker.getNonNullableType(type))) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      const fieldPath = `${path}.${property.name}`;
      paths.push(fieldPath);
      const fieldType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration));
      // Into the SDK's own object types only: not into Date, string methods or free-form records.
      const declaredIn = fieldType.getSymbol()?.declarations?.[0]?.getSourceFile().fileName ?? "";
      const ours = declaredIn.startsWith(join(repoRoot, "src")) || declaredIn.startsWith(join(repoRoot, "generated"));
      if (depth < 4 && ours && fieldType.isClassOrInterface()) walk(fieldType, fieldPath, depth + 1);
    }
  };
  ts.forEachChild(source, (node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const declaration of node.declarationList.declarations) {
      walk(checker.getTypeAtLocation(declaration.name), declaration.name.getText(source), 0);
    }
  });
  return paths;
}

interface Hover {
  readonly display: string;
  readonly documentation: string;
}

/** The hover at the start of `marker` (its `offset`-th character) in `text`, the probe's current text. */
function hoverAt(service: ts.LanguageService, text: string, marker: string, offset = 0): Hover {
  const position = text.indexOf(marker);
  if (position < 0) throw new Error(`marker not found: ${marker}`);
  const info = service.getQuickInfoAtPosition(probePath, position + offset);
  return {
    display: ts.displayPartsToString(info?.displayParts),
    documentation: ts.displayPartsToString(info?.documentation).trim(),
  };
}

/** The hover of a field path's last name, on its own line of the probe (`createResponse.data.appId;`). */
const hoverField = (path: string) => hoverAt(service, probe, `\n${path};\n`, 1 + path.lastIndexOf(".") + 1);

let service: ts.LanguageService;
let probe = header;
let paths: string[];

beforeAll(() => {
  service = languageService(() => probe);
  paths = fieldPaths(service);
  // One access per line; the hover is asked for at the last name of each.
  probe = `${header}${paths.map((path) => `${path};\n`).join("")}`;
}, 60_000);

describe("hovering in an editor", () => {
  test("finds the fields of every public request and response type, nested ones included", () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        "createRequest.requestBody.callbackUrl",
        "createRequest.requestBody.usageLimitType",
        "createRequest.httpReferer",
        "createResponse.data.appId",
        "exchangeRequest.requestBody.codeVerifier",
        "exchangeResponse.userId",
        "errorBody.error.message",
        "errorBody.openrouterMetadata",
      ]),
    );
    expect(paths.length).toBeGreaterThanOrEqual(25);
  });

  test("every field shows its documentation", () => {
    const undocumented = paths.filter((path) => hoverField(path).documentation === "");
    expect(undocumented).toEqual([]);
  });

  test("the spec's descriptions, examples and constraints reach the hover", () => {
    const at = (path: string) => hoverField(path).documentation;
    expect(at("createRequest.requestBody.usageLimitType")).toContain(
      "Optional credit limit reset interval. When set, the credit limit resets on this interval.",
    );
    expect(at("createRequest.requestBody.callbackUrl")).toContain("Where the user is sent back after authorization");
    expect(at("createResponse.data.id")).toContain("The authorization code ID to use in the exchange request");
    expect(at("createRequest.requestBody.keyLabel")).toContain("At most 100 characters.");
    expect(at("createRequest.requestBody.workspaceId")).toContain("Format: `uuid`.");
  });

  test("a field of an object literal passed to a function shows it too (what the issue hovered)", () => {
    const call =
      "void oAuthCreateAuthCode(new OpenRouterCore(), " +
      '{ requestBody: { callbackUrl: "https://myapp.com/cb", usageLimitType: "monthly" } });\n';
    const saved = probe;
    probe = `${header}${call}`;
    try {
      expect(hoverAt(service, probe, "callbackUrl:").documentation).toMatch(/^Where the user is sent back/);
      expect(hoverAt(service, probe, "usageLimitType:").documentation).toMatch(/^Optional credit limit reset interval/);
      expect(hoverAt(service, probe, "usageLimitType:").display).toMatch(
        /^\(property\) CreateAuthKeysCodeRequestBody\.usageLimitType\?: /,
      );
    } finally {
      probe = saved;
    }
  });

  test.each(Object.values(ROOTS))("%s shows as a plain interface, not a mapping", (name) => {
    const hover = hoverAt(service, probe, `${name}`);
    expect(hover.display).toMatch(new RegExp(`^\\(alias\\) interface ${name}\\b`));
    expect(hover.display).not.toMatch(/CamelCased|Omit<|\[K in/);
    expect(hover.documentation).not.toBe("");
  });
});

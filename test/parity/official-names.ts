// The official @openrouter/sdk names that issue 25 says ours must also export: walked mechanically from the
// official .d.ts files with the TypeScript compiler API, per documented entry point, and filtered by one rule
// (`inScope`) plus what those names reference in the client-option modules.
import { dirname, join, sep } from "node:path";
import ts from "typescript";

/** The official entry points in scope, as subpaths of the package ("" is the root). Ours use the same ones. */
export const ENTRY_POINTS = [
  "",
  "core.js",
  "funcs/oAuthCreateAuthCode.js",
  "funcs/oAuthExchangeAuthCodeForAPIKey.js",
  "funcs/oAuthCreateAuthorizationUrl.js",
  "funcs/oAuthCreateSHA256CodeChallenge.js",
  "models/operations",
  "models/errors",
  "lib/config",
  "lib/http",
  "lib/retries",
  "lib/sdks",
  "types",
] as const;

/** The compiler options of both programs: what a strict NodeNext consumer uses. */
export const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: [],
  skipLibCheck: true,
  noEmit: true,
};

const ERRORS = [
  "OpenRouterError",
  "OpenRouterDefaultError",
  "BadRequestResponseError",
  "UnauthorizedResponseError",
  "ForbiddenResponseError",
  "ConflictResponseError",
  "InternalServerResponseError",
  "ResponseValidationError",
  "SDKValidationError",
  "HTTPClientError",
  "ConnectionError",
  "RequestTimeoutError",
  "RequestAbortedError",
  "UnexpectedClientError",
  "InvalidRequestError",
];
const CLIENT_OPTIONS = [
  "OpenRouter",
  "OpenRouterCore",
  "OAuth",
  "SDKOptions",
  "RequestOptions",
  "RetryConfig",
  "BackoffStrategy",
  "HTTPClient",
  "HTTPClientOptions",
  "Fetcher",
  "ServerList",
  "ServerProduction",
  "Result",
  "OpenEnum",
];
/** The two operations (and their enums), the PKCE and authorization-URL helpers, and the oAuth… functions. */
const OPERATION_PARTS = [
  "AuthKeysCode",
  "AuthCode",
  "ExchangeAuthCode",
  "UsageLimitType",
  "CreateAuthorizationUrl",
  "CreateSHA256CodeChallenge",
];

/**
 * The scope rule. A name is in scope when it names one of the two operations or the helpers (any name containing
 * one of OPERATION_PARTS), one of the errors these calls return (or its `…Data` type), or a client option
 * outside models/ (models/operations' `Result` is createRerank's, not types' Result). Out: zod schema plumbing
 * (every name with a `$`, `…ToJSON`, `…FromJSON`), and so the OAuth namespace's listOauthJwks / createOauthToken
 * and every other operation, which match none of the parts.
 */
export function inScope(entry: string, name: string): boolean {
  if (name.includes("$") || name.endsWith("ToJSON") || name.endsWith("FromJSON")) return false;
  return (
    OPERATION_PARTS.some((part) => name.includes(part)) ||
    ERRORS.some((error) => name === error || name === `${error}Data`) ||
    (CLIENT_OPTIONS.includes(name) && !entry.startsWith("models/"))
  );
}

/** Files whose names come along when an in-scope name references them (SDKOptions → RetryConfig, …). */
const REFERENCED_DIRS = ["lib/config.d.ts", "lib/retries.d.ts", "lib/sdks.d.ts", `types${sep}`];

export interface OfficialName {
  entry: string;
  name: string;
  /** Meanings of the symbol: a class, a function, another value (a const), a type. */
  isClass: boolean;
  isFunction: boolean;
  isValue: boolean;
  isType: boolean;
  /** How many type parameters the type takes (Result<T, E>, OpenEnum<T>). */
  typeParameters: number;
  /** A standalone function whose first parameter is the client (`oAuthCreateAuthCode(client, …)`). */
  takesClient: boolean;
}

/** The in-scope names of the official package installed at `sdkDir`, per entry point, in declaration order. */
export function officialNames(sdkDir: string): OfficialName[] {
  const from = join(dirname(sdkDir), "__entry__.ts");
  const files = ENTRY_POINTS.map((entry) => {
    const specifier = `@openrouter/sdk${entry ? `/${entry}` : ""}`;
    const resolved = ts.resolveModuleName(
      specifier,
      from,
      COMPILER_OPTIONS,
      ts.sys,
      undefined,
      undefined,
      ts.ModuleKind.ESNext,
    );
    const file = resolved.resolvedModule?.resolvedFileName;
    if (!file) throw new Error(`cannot resolve ${specifier} from ${sdkDir}`);
    return file;
  });
  const program = ts.createProgram(files, COMPILER_OPTIONS);
  const checker = program.getTypeChecker();
  const resolve = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const exportsOf = files.map((file) => {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    return checker.getExportsOfModule(module).map((symbol) => ({ name: symbol.name, symbol: resolve(symbol) }));
  });

  // The closure: what the in-scope names reference, declared in the client-option modules, is in scope too.
  const referenced = new Set<ts.Symbol>();
  const visit = (symbol: ts.Symbol) => {
    for (const declaration of symbol.declarations ?? []) {
      const walk = (node: ts.Node): void => {
        const name = ts.isTypeReferenceNode(node)
          ? node.typeName
          : ts.isExpressionWithTypeArguments(node)
            ? node.expression
            : ts.isTypeQueryNode(node)
              ? node.exprName
              : undefined;
        const target = name && checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.right : name);
        const resolved = target && resolve(target);
        const file = resolved?.declarations?.[0]?.getSourceFile().fileName;
        if (resolved && file && REFERENCED_DIRS.some((d) => file.includes(d)) && !referenced.has(resolved)) {
          referenced.add(resolved);
          visit(resolved);
        }
        ts.forEachChild(node, walk);
      };
      walk(declaration);
    }
  };
  ENTRY_POINTS.forEach((entry, index) => {
    for (const { name, symbol } of exportsOf[index]!) if (inScope(entry, name)) visit(symbol);
  });

  return ENTRY_POINTS.flatMap((entry, index) =>
    exportsOf[index]!.filter(({ name, symbol }) => inScope(entry, name) || referenced.has(symbol)).map(
      ({ name, symbol }) => describe(entry, name, symbol),
    ),
  );
}

function describe(entry: string, name: string, symbol: ts.Symbol): OfficialName {
  const declarations = symbol.declarations ?? [];
  const typeDeclaration = declarations.find(
    (d) => ts.isTypeAliasDeclaration(d) || ts.isInterfaceDeclaration(d) || ts.isClassDeclaration(d),
  ) as ts.TypeAliasDeclaration | ts.InterfaceDeclaration | ts.ClassDeclaration | undefined;
  const fn = declarations.find(ts.isFunctionDeclaration);
  const first = fn?.parameters[0]?.name;
  return {
    entry,
    name,
    isClass: (symbol.flags & ts.SymbolFlags.Class) !== 0,
    isFunction: (symbol.flags & ts.SymbolFlags.Function) !== 0,
    isValue: (symbol.flags & ts.SymbolFlags.Value) !== 0,
    isType: (symbol.flags & ts.SymbolFlags.Type) !== 0,
    typeParameters: typeDeclaration?.typeParameters?.length ?? 0,
    takesClient: first !== undefined && ts.isIdentifier(first) && first.text === "client",
  };
}

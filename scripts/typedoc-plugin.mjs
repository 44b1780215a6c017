// TypeDoc plugin (typedoc.json "plugin"): documents the fields of the types derived from the OpenAPI spec.
//
// The public request and response types are `CamelCased<...>` of the generated ones (src/lib/casing.ts):
// a key-remapping mapped type, and TypeScript keeps no declaration, hence no comment, for a remapped
// property. Their descriptions are in the spec, which generated/openrouter-oauth.ts carries as
// `@description`. Rather than copy them into src/, where they would drift at the next `npm run spec:sync`,
// this follows each such property back to the generated one it was mapped from and uses its description;
// a field the spec leaves undescribed can be documented with `@property` on the public type in src/.
//
// Uses one TypeScript internal, `symbol.links.syntheticOrigin` (set on mapped properties, TS 4 to 5.9).
// Should it disappear, the fields are undocumented again and `npm run docs` fails: nothing is silently lost.
import { Comment, Converter, ReflectionKind } from "typedoc";
import ts from "typescript";

/** The declared property a mapped (synthetic) property comes from; undefined for ordinary ones. */
function originOf(symbol) {
  if (!symbol || symbol.declarations?.length) return undefined;
  let origin = symbol;
  while (!origin.declarations?.length && origin.links?.syntheticOrigin) origin = origin.links.syntheticOrigin;
  return origin.declarations?.length ? origin : undefined;
}

/** The `@description` of a generated property, or of the schema it names (`components["schemas"]["X"]`). */
function specDescription(checker, symbol, depth = 0) {
  for (const declaration of symbol.declarations ?? []) {
    const tag = ts.getJSDocTags(declaration).find((t) => t.tagName.text === "description");
    const text = tag && ts.getTextOfJSDocComment(tag.comment)?.trim();
    if (text) return text;
    const type = ts.isPropertySignature(declaration) ? declaration.type : undefined;
    if (
      depth < 5 &&
      type &&
      ts.isIndexedAccessTypeNode(type) &&
      ts.isLiteralTypeNode(type.indexType) &&
      ts.isStringLiteral(type.indexType.literal)
    ) {
      const named = checker.getPropertyOfType(
        checker.getTypeFromTypeNode(type.objectType),
        type.indexType.literal.text,
      );
      const inherited = named && specDescription(checker, named, depth + 1);
      if (inherited) return inherited;
    }
  }
  return undefined;
}

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const checker = context.programs[0].getTypeChecker(); // one tsconfig, one program
    const documented = new Map(); // origin symbol → a comment written in src/ (`@property`)
    const undocumented = [];
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      const origin = originOf(context.getSymbolFromReflection(reflection));
      if (!origin) continue;
      if (reflection.comment) documented.set(origin, reflection.comment);
      else undocumented.push([reflection, origin]);
    }
    for (const [reflection, origin] of undocumented) {
      const text = specDescription(checker, origin);
      const fromSrc = documented.get(origin);
      if (text) reflection.comment = new Comment([{ kind: "text", text }]);
      else if (fromSrc) reflection.comment = new Comment(Comment.cloneDisplayParts(fromSrc.summary));
    }
  });
}

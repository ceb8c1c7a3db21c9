/**
 * The plugin schema's descriptions, read from the TSDoc of the package's TypeScript declarations
 * with the TypeScript compiler's parser, so that a schema reader sees the words a TypeScript user
 * sees in an editor (one source; nothing written twice):
 *
 *   - an object type's properties (AuthPattern, AuthField, ...): the TSDoc on the properties of its
 *     zod object in provider/src/core/schema/definition.ts, found by its keys; the type itself: the
 *     TSDoc on the schema's `const`;
 *   - the resource's properties: CustomConnectorArgs, then ScalekitPayloadConnectorArgs
 *     (provider/src/core/arguments.ts), then the plugin SDK's CustomConnector class (its outputs); the
 *     resource itself: the SDK's class;
 *   - the provider's configuration: the SDK's ProviderArgs; the provider: its Provider class.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import type { DescriptionSource } from "pulumi-scalekit-connectors/internal";
import { repoRoot } from "./paths";

const providerSrc = path.join(repoRoot, "provider", "src");
const files = {
  definition: path.join(providerSrc, "core", "schema", "definition.ts"),
  resource: path.join(providerSrc, "core", "arguments.ts"),
  sdk: path.join(providerSrc, "plugin", "sdk", "index.ts"),
};

/** A declaration's TSDoc text (summary only, tags left out), whitespace folded; undefined without one. */
function docOf(node: ts.Node): string | undefined {
  const texts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
    .filter((text) => text.trim() !== "");
  const last = texts.at(-1);
  return last === undefined ? undefined : last.replace(/\s+/g, " ").trim();
}

function nameOf(name: ts.PropertyName | ts.BindingName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

interface Container {
  /** The doc of the declaration holding the members (a const, interface or class). */
  doc?: string;
  members: Map<string, string | undefined>;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
}

/** Every object literal passed to a call in a `const` (a zod object's shape), with the const's doc: keyed by its sorted keys. */
function zodObjects(source: ts.SourceFile): Map<string, Container> {
  const found = new Map<string, Container>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const doc = docOf(statement);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        for (const arg of node.arguments) {
          if (!ts.isObjectLiteralExpression(arg)) continue;
          const members = new Map<string, string | undefined>();
          for (const property of arg.properties) {
            const name = property.name && nameOf(property.name);
            if (name !== undefined) members.set(name, docOf(property));
          }
          const key = [...members.keys()].sort().join(",");
          if (!found.has(key)) found.set(key, { doc, members });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(statement);
  }
  return found;
}

/** Interfaces and classes by name, with their members' docs. */
function declarations(source: ts.SourceFile): Map<string, Container> {
  const found = new Map<string, Container>();
  for (const statement of source.statements) {
    if (!(ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) || !statement.name) continue;
    const members = new Map<string, string | undefined>();
    for (const member of statement.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>) {
      const name = member.name && nameOf(member.name);
      if (name !== undefined && !members.has(name)) members.set(name, docOf(member));
    }
    found.set(statement.name.text, { doc: docOf(statement), members });
  }
  return found;
}

/** The descriptions, read from the sources now. */
export function tsdocDescriptions(): DescriptionSource {
  const objects = zodObjects(parse(files.definition));
  const resource = declarations(parse(files.resource));
  const sdk = declarations(parse(files.sdk));
  const owners: Record<string, (Container | undefined)[]> = {
    CustomConnector: [resource.get("CustomConnectorArgs"), resource.get("ScalekitPayloadConnectorArgs"), sdk.get("CustomConnector")],
    Provider: [sdk.get("ProviderArgs")],
  };
  const ownerDocs: Record<string, string | undefined> = { CustomConnector: sdk.get("CustomConnector")?.doc, Provider: sdk.get("Provider")?.doc };
  return {
    property(owner, key, keys) {
      const containers = keys.length > 0 ? [objects.get([...keys].sort().join(","))] : (owners[owner] ?? []);
      return containers.map((container) => container?.members.get(key)).find((doc) => doc !== undefined);
    },
    type(name, keys) {
      return keys.length > 0 ? objects.get([...keys].sort().join(","))?.doc : ownerDocs[name];
    },
  };
}

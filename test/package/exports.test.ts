/**
 * The package's entries are deliberate: the main entry exports exactly the public API (values and
 * types, each documented), the internal entry holds what tools and tests use, and the runtime
 * entry keeps the functions every stack's stored shim calls.
 */
import * as path from "path";
import ts from "typescript";
import { currentShimText, legacyShimText } from "../support/stored-shims";

const providerDir = path.dirname(require.resolve("pulumi-scalekit-connectors/package.json"));

/** What a Pulumi program may rely on. Adding or removing a name here is an API change. */
const publicValues = [
  "AmbiguousConnectorNameError",
  "CreateOutcomeUnknownError",
  "CustomConnector",
  "MissingCredentialsError",
  "MissingSecretConfigError",
  "ScalekitApiError",
  "ScalekitTransportError",
  "checkDefinitionFiles",
  "readDefinitionFiles",
  "resolveSecretConfigPlaceholders",
  "validateDefinitionFiles",
];
const publicTypes = [
  "AuthFieldArgs",
  "AuthFieldOptionArgs",
  "AuthFieldMutationsArgs",
  "AuthPatternArgs",
  "CustomConnectorArgs",
  "DeepInput",
  "DefinitionFile",
  "DefinitionFilesReport",
  "FieldViolation",
  "MissingSecretConfig",
  "NormalizedDefinition",
  "OAuthConfigArgs",
  "OAuthScopeArgs",
  "PlaceholderSite",
  "ResolvedDefinitionFile",
  "ScalekitPayloadConnectorArgs",
];

/**
 * What Pulumi's Node.js dynamic provider host calls on a provider by name, besides configure and
 * delete: this version's shim lends these to it from the runtime (its prototype).
 */
const hostOperations = ["check", "diff", "create", "read", "update"];

/**
 * The contract with the shims serialized into stacks' state (see provider/src/dynamic/runtime.ts), read
 * from the shims themselves: what this version's text calls on the runtime module (`r.<name>`)
 * and lends to the host, and what 0.1.0's text calls (`require("…/runtime").<name>(`).
 */
async function runtimeCallsOfStoredShims(): Promise<{ current: string[]; legacy: string[] }> {
  const current = [...(await currentShimText()).matchAll(/\br\.(\w+)\b/g)].map((match) => match[1]!);
  const legacy = [...legacyShimText().matchAll(/require\("pulumi-scalekit-connectors\/runtime"\)\.(\w+)\(/g)].map((match) => match[1]!);
  return { current: [...new Set([...current, ...hostOperations])].sort(), legacy: [...new Set(legacy)].sort() };
}

/** Every name a declaration file exports, with its documentation comment as an editor shows it. */
function declaredExports(declarationFile: string): Map<string, string> {
  const program = ts.createProgram([declarationFile], { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(declarationFile);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${declarationFile} is not a module; run npm run build first`);
  const result = new Map<string, string>();
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    result.set(symbol.getName(), ts.displayPartsToString(target.getDocumentationComment(checker)));
  }
  return result;
}

describe("the main entry, pulumi-scalekit-connectors", () => {
  test("exports exactly the public values at run time", () => {
    expect(Object.keys(require("pulumi-scalekit-connectors")).sort()).toEqual(publicValues);
  });

  test("declares exactly the public values and types, each with TSDoc", () => {
    const declared = declaredExports(path.join(providerDir, "dist", "index.d.ts"));
    expect([...declared.keys()].sort()).toEqual([...publicValues, ...publicTypes].sort());
    const undocumented = [...declared].filter(([, doc]) => doc.trim() === "").map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  test("its errors are the classes the provider throws", () => {
    const main = require("pulumi-scalekit-connectors");
    const errors = require(path.join(providerDir, "dist", "core", "client", "errors.js"));
    expect(main.ScalekitApiError).toBe(errors.ScalekitApiError);
    expect(main.ScalekitTransportError).toBe(errors.ScalekitTransportError);
    expect(new main.MissingCredentialsError([])).toBeInstanceOf(Error);
  });
});

describe("the internal entry, pulumi-scalekit-connectors/internal", () => {
  test("resolves through the package's exports and shares no name with the main entry", () => {
    const internal = Object.keys(require("pulumi-scalekit-connectors/internal"));
    expect(internal).toEqual(expect.arrayContaining(["ScalekitClient", "operations", "normalizeDefinition", "parseDeclaration", "customConnectorProvider"]));
    expect(internal.filter((name) => publicValues.includes(name))).toEqual([]);
  });

  test("is declared for TypeScript's node10 resolution too (typesVersions), as Pulumi's templates compile", () => {
    const resolved = ts.resolveModuleName("pulumi-scalekit-connectors/internal", path.join(__dirname, "probe.ts"), { moduleResolution: ts.ModuleResolutionKind.Node10 }, ts.sys);
    expect(resolved.resolvedModule?.resolvedFileName).toBe(path.join(providerDir, "dist", "internal.d.ts"));
  });
});

describe("the runtime entry, pulumi-scalekit-connectors/runtime", () => {
  test("exports exactly the functions stored shims call, this version's and 0.1.0's", async () => {
    const { current, legacy } = await runtimeCallsOfStoredShims();
    // Each shim reaches seven functions (delete is the runtime's remove); read from the texts, so an empty match fails here.
    expect({ current, legacy }).toEqual({
      current: ["check", "configure", "create", "diff", "read", "remove", "update"],
      legacy: ["check", "configure", "create", "diff", "read", "remove", "update"],
    });
    const exported = Object.keys(require("pulumi-scalekit-connectors/runtime")).sort();
    expect(exported).toEqual([...new Set([...current, ...legacy])].sort());
    expect(exported.every((name) => typeof require("pulumi-scalekit-connectors/runtime")[name] === "function")).toBe(true);
  });
});

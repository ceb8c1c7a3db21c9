/**
 * A property, not a handful of cases (issue 17, item 5). fast-check generates connectors as
 * Scalekit's listing serves them: snake_case Provider objects (`id`, `identifier`, `is_custom`,
 * `categories`, ...) whose one auth pattern is valid for the provider's check, built from a few
 * valid templates (BEARER, API_KEY, BASIC, OAUTH with endpoints, MCP variants), and then loaded
 * with keys no document lists, at every level (the pattern, each field, each option, oauth_config,
 * each scope, auth_field_mutations and each mutation, the Provider object itself), named anything
 * (camelCase, snake_case, digits, dashes, `__double`, near misses of known keys, any Unicode) and
 * holding any JSON; and `null` in place of the optional known values. For every such connector:
 *
 * 1. listing -> pull file -> check -> payload sent is the identity, `null`s read as absent;
 * 2. the same through typed camelCase arguments;
 * 3. the normalized form is idempotent, and comparisons do not see key order at any depth;
 * 4. check never fails, and every warning is advice about a key that is still sent.
 *
 * Each property also counts what its run generated, and fails unless unknown keys and nulls turned
 * up at every level (the Provider object, the pattern, a field, an option, oauth_config, a scope,
 * auth_field_mutations, a mutation), and unknown keys holding values three or more levels deep
 * with nulls inside: a generator that stopped producing one of them would otherwise go unseen.
 *
 * The seed is fixed, so a run is repeatable; fast-check prints the seed and the shrunk
 * counterexample of a failure. LOSSLESS_SEED=<n> and LOSSLESS_RUNS=<n> explore further.
 */
import fc from "fast-check";
import {
  authPatternSchema,
  canonicalJson,
  changedProperties,
  comparisonJson,
  declarationRules,
  fromApiSpelling,
  fromPayloadSpelling,
  normalizeDefinition,
  operations,
  parseDeclaration,
  storedProviderSchema,
  storedToDefinition,
  toScalekitPayload,
  type CheckedInputs,
  type DeclaredForm,
  type Finding,
  type OperationContext,
  type StoredProvider,
} from "pulumi-scalekit-connectors/internal";
import { definitionText, payloadFor } from "../../scripts/pull/payload";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Definition = ReturnType<typeof normalizeDefinition>;

/** A fixed seed and 200 runs a property; LOSSLESS_SEED and LOSSLESS_RUNS explore further. */
const runs: fc.Parameters<unknown> = { seed: Number(process.env.LOSSLESS_SEED ?? 170_005), numRuns: Number(process.env.LOSSLESS_RUNS ?? 200) };

// ------------------------------------------------------------------- the schema's own keys

/** The declared keys of each object inside an auth pattern, and of the Provider object, read from the provider's schemas. */
const patternShape = authPatternSchema.shape;
const fieldShape = patternShape.fields.unwrap().element.shape;
const optionShape = fieldShape.options.unwrap().element.shape;
const oauthConfigShape = patternShape.oauthConfig.unwrap().shape;
const scopeShape = oauthConfigShape.availableScopes.unwrap().element.shape;
const mutationsShape = patternShape.authFieldMutations.unwrap().shape;
const mutationShape = mutationsShape.apiKey.unwrap().shape;
const storedShape = storedProviderSchema.shape;

/** Scalekit's spelling of a schema key: `displayName` -> `display_name`. */
function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A declared key of `shape` in either spelling. */
function declaredIn(shape: object, key: string): boolean {
  return Object.keys(shape).some((declared) => key === declared || key === snakeCase(declared));
}

const everyDeclaredKey = [patternShape, fieldShape, optionShape, oauthConfigShape, scopeShape, mutationsShape, mutationShape, storedShape].flatMap(
  (shape) => Object.keys(shape).flatMap((key) => [key, snakeCase(key)]),
);

/** Names that would reach an object's prototype rather than the object. */
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

// ------------------------------------------------------------------------- key names

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const words = fc.array(word, { minLength: 1, maxLength: 3 });
const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A near miss of a known key: another case, a letter more or less, dashes. */
const nearMiss = fc
  .constantFrom(...everyDeclaredKey)
  .chain((key) => fc.constantFrom(capitalized(key), key.toUpperCase(), `${key}s`, `${key}_`, key.slice(1), key.replace(/_/g, "-"), key.toLowerCase()));

/** A key Scalekit might serve: any text, a name in any of the spellings people use, a key known elsewhere in the schema. */
const anyKeyName = fc
  .oneof(
    fc.constantFrom(...everyDeclaredKey),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "grapheme", maxLength: 6 }),
    words.map((parts) => parts.join("_")),
    words.map((parts) => parts[0] + parts.slice(1).map(capitalized).join("")),
    words.map((parts) => parts.join("-")),
    words.map((parts) => `__${parts.join("_")}`),
    fc.stringMatching(/^[0-9]{1,4}$/),
    fc.stringMatching(/^[a-z]{1,4}[0-9]{1,3}[a-z]{0,3}$/),
    nearMiss,
  )
  .filter((key) => !prototypeKeys.has(key));

// ------------------------------------------------------------------------ JSON values

const jsonLeaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);

/** Any JSON; inside it a known key's name is just data. */
const { json: anyJson } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    jsonLeaf,
    fc.array(tie("json"), { maxLength: 3 }),
    fc.dictionary(anyKeyName, tie("json"), { maxKeys: 3 }),
  ),
}));

/** Extra keys for an object with the declared keys of `shape`: any name but those (in either spelling), any JSON. */
function extraKeys(shape: object): fc.Arbitrary<JsonObject> {
  return fc.dictionary(
    anyKeyName.filter((key) => !declaredIn(shape, key)),
    anyJson,
    { maxKeys: 3 },
  );
}

/** A known optional value as Scalekit may serve it: `null` or a value (a key left out of the record is the third way). */
function orNull<T extends Json>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(value, { nil: null, freq: 4 });
}

/**
 * A served object: its known keys (the `required` ones always there, the others left out, `null`
 * or a value) and extra keys that are not declared keys of `shape`.
 */
function served(known: Record<string, fc.Arbitrary<Json>>, required: readonly string[], shape: object): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(fc.record(known, { requiredKeys: [...required] }) as fc.Arbitrary<JsonObject>, extraKeys(shape))
    .map(([core, extra]) => ({ ...extra, ...core }));
}

// ------------------------------------------------------------------- a served connector

const text = fc.string({ maxLength: 20 });
const httpsUrl = fc
  .tuple(fc.domain(), fc.array(fc.stringMatching(/^[a-zA-Z0-9._~-]{1,8}$/), { maxLength: 3 }))
  .map(([domain, path]) => `https://${[domain, ...path].join("/")}`);

const option = served({ value: orNull(text), display_name: orNull(text), description: orNull(text), default: orNull(fc.boolean()) }, [], optionShape);

const fieldName = fc.oneof(fc.constantFrom("token", "api_key", "username", "password", "domain", "region"), fc.string({ minLength: 1, maxLength: 10 }));
const field = served(
  {
    field_name: fieldName,
    label: orNull(text),
    input_type: orNull(fc.oneof(fc.constantFrom("text", "password", "select", "textarea"), text)),
    hint: orNull(text),
    required: orNull(fc.boolean()),
    is_path_param: orNull(fc.boolean()),
    options: orNull(fc.array(option, { maxLength: 3 })),
    header_name: orNull(text),
  },
  ["field_name"],
  fieldShape,
);
const fields = fc.array(field, { maxLength: 3 });

const scope = served(
  { scope: fc.string({ minLength: 1, maxLength: 12 }), display_name: orNull(text), description: orNull(text), required: orNull(fc.boolean()) },
  ["scope"],
  scopeShape,
);

const mutation = served({ prefix: orNull(text), suffix: orNull(text), default: orNull(text) }, [], mutationShape);
const mutations = served({ api_key: orNull(mutation), token: orNull(mutation), username: orNull(mutation), password: orNull(mutation) }, [], mutationsShape);

/** An OAUTH pattern's oauth_config: endpoints, scopes and the rest (a missing endpoint is advice). */
const oauthConfig = served(
  {
    authorize_uri: orNull(httpsUrl),
    token_uri: orNull(httpsUrl),
    user_info_uri: orNull(httpsUrl),
    available_scopes: orNull(fc.array(scope, { maxLength: 3 })),
    pkce_enabled: orNull(fc.boolean()),
    allow_use_scalekit_credentials: orNull(fc.boolean()),
    custom_scope_name: orNull(text),
  },
  ["authorize_uri", "token_uri"],
  oauthConfigShape,
);

/** An MCP OAuth pattern's oauth_config: dynamic client registration (PKCE on, no endpoints, no scopes), and anything else. */
const noEndpoint = orNull(fc.constant(""));
const mcpOauthConfig = served(
  {
    pkce_enabled: fc.constant(true),
    authorize_uri: noEndpoint,
    token_uri: noEndpoint,
    user_info_uri: noEndpoint,
    available_scopes: orNull(fc.constant([])),
    allow_use_scalekit_credentials: orNull(fc.boolean()),
    custom_scope_name: orNull(text),
  },
  ["pkce_enabled"],
  oauthConfigShape,
);

/** What any pattern may have besides its type, fields and OAuth settings. */
const patternCommon = {
  display_name: orNull(text),
  description: orNull(text),
  auth_header_key_override: orNull(text),
  auth_field_mutations: orNull(mutations),
  allowed_proxy_domains: orNull(fc.array(fc.domain(), { maxLength: 2 })),
};

const notMcp = { is_mcp: orNull(fc.constant(false)) };

const staticPattern = served(
  {
    type: fc.constantFrom("BEARER", "API_KEY", "BASIC"),
    ...patternCommon,
    ...notMcp,
    fields: orNull(fields),
    account_fields: orNull(fields),
    oauth_config: orNull(oauthConfig),
  },
  ["type"],
  patternShape,
);

const oauthPattern = served(
  { type: fc.constant("OAUTH"), ...patternCommon, ...notMcp, oauth_config: oauthConfig, fields: orNull(fields), account_fields: orNull(fields) },
  ["type", "oauth_config"],
  patternShape,
);

const mcpStaticPattern = served(
  { type: fc.constantFrom("BEARER", "API_KEY", "BASIC"), is_mcp: fc.constant(true), ...patternCommon, fields: orNull(fields) },
  ["type", "is_mcp"],
  patternShape,
);

const mcpNoAuthPattern = served(
  { type: fc.constant("NO_AUTH"), is_mcp: fc.constant(true), ...patternCommon, fields: orNull(fc.constant([])) },
  ["type", "is_mcp"],
  patternShape,
);

const mcpOauthPattern = served(
  { type: fc.constant("OAUTH"), is_mcp: fc.constant(true), ...patternCommon, oauth_config: mcpOauthConfig, fields: orNull(fields), account_fields: orNull(fields) },
  ["type", "is_mcp", "oauth_config"],
  patternShape,
);

const authPattern = fc.oneof(staticPattern, oauthPattern, mcpStaticPattern, mcpNoAuthPattern, mcpOauthPattern);

const displayName = fc.stringMatching(/^[a-zA-Z0-9 ]{0,12}[a-zA-Z0-9][a-zA-Z0-9 ]{0,12}$/);
const metadata = fc.dictionary(
  fc.string({ minLength: 3, maxLength: 25 }).filter((key) => !prototypeKeys.has(key)),
  fc.string({ minLength: 1, maxLength: 40 }),
  { maxKeys: 4 },
);

/** A key of the Provider object the client reads (in either spelling, before or after fromApiSpelling's renaming). */
function providerKey(key: string): boolean {
  const renamed = Object.keys(fromApiSpelling({ [key]: 0 }) as object)[0] ?? key;
  return declaredIn(storedShape, key) || declaredIn(storedShape, renamed);
}

/** Scalekit's Provider object as its listing serves it, after the JSON on the wire is read. */
const servedProvider: fc.Arbitrary<JsonObject> = fc
  .tuple(
    fc.record(
      {
        id: fc.stringMatching(/^prv_[0-9]{4,12}$/),
        identifier: fc.string({ minLength: 1, maxLength: 20 }),
        display_name: displayName,
        description: orNull(text),
        auth_patterns: fc.tuple(authPattern),
        proxy_url: httpsUrl,
        proxy_enabled: orNull(fc.boolean()),
        icon_src: orNull(fc.oneof(fc.constant(""), httpsUrl)),
        metadata: orNull(metadata),
        is_custom: orNull(fc.boolean()),
        is_custom_mcp: orNull(fc.boolean()),
        categories: orNull(fc.array(text, { maxLength: 2 })),
      },
      { requiredKeys: ["id", "identifier", "display_name", "auth_patterns", "proxy_url"] },
    ) as fc.Arbitrary<JsonObject>,
    fc.dictionary(anyKeyName.filter((key) => !providerKey(key)), anyJson, { maxKeys: 2 }),
  )
  // Through the wire as Scalekit's JSON: plain objects, and -0 read as 0.
  .map(([core, extra]) => JSON.parse(JSON.stringify({ ...extra, ...core })) as JsonObject);

// ------------------------------------------------------------------------ the pipeline

/** A served value as a client reads it: every `null` entry of an object left out, at every depth. */
function withoutNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== null).map(([key, child]) => [key, withoutNulls(child)]));
}

/** The payload the served connector stands for: its seven payload fields, `null`s left out, the empty top-level values spelled out. */
function servedPayload(provider: JsonObject): JsonObject {
  const read = withoutNulls(provider) as JsonObject;
  return {
    display_name: read.display_name ?? null,
    description: read.description ?? "",
    auth_patterns: read.auth_patterns ?? [],
    proxy_url: read.proxy_url ?? null,
    proxy_enabled: read.proxy_enabled ?? false,
    icon_src: read.icon_src ?? "",
    metadata: read.metadata ?? {},
  };
}

/** The listing read as the client reads it, and the file `npm run pull` writes for it, read back. */
function pulled(provider: JsonObject): { stored: StoredProvider; file: JsonObject } {
  const stored = storedProviderSchema.parse(fromApiSpelling(provider));
  return { stored, file: JSON.parse(definitionText(payloadFor(stored))) as JsonObject };
}

function parsed(declaration: unknown, form: DeclaredForm): { definition: Definition; warnings: Finding[] } {
  const result = parseDeclaration(declaration, form);
  if (!result.ok) throw new Error(`the ${form} declaration fails: ${JSON.stringify(result.failures)}`);
  return { definition: result.definition, warnings: result.warnings };
}

/** The provider's check, with a context that refuses the environment; its warnings collected. */
async function checked(news: Record<string, unknown>): Promise<{ inputs: CheckedInputs; warnings: string[] }> {
  const warnings: string[] = [];
  const context: OperationContext = {
    environment: () => {
      throw new Error("check must not reach Scalekit");
    },
    warn: (message) => warnings.push(message),
  };
  const result = await operations.check(context, news);
  if (result.failures !== undefined || result.inputs === undefined) throw new Error(`check fails: ${JSON.stringify(result.failures)}`);
  return { inputs: result.inputs as CheckedInputs, warnings };
}

/** The definition checked inputs hold, read as the provider's readInputs reads them (provider/state.ts). */
function inputsDefinition(inputs: CheckedInputs): Definition {
  if ("scalekitPayload" in inputs) return normalizeDefinition(fromPayloadSpelling(inputs.scalekitPayload) as Parameters<typeof normalizeDefinition>[0]);
  const { adopt: _adopt, ...typed } = inputs;
  return normalizeDefinition(typed);
}

/** A shuffle of lists drawn from one seed (xorshift32, Fisher-Yates): cheap, and repeatable from the seed fast-check reports. */
function shuffler(seed: number): <T>(items: T[]) => T[] {
  let state = seed | 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  return (items) => {
    const shuffled = [...items];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = next() % (index + 1);
      [shuffled[index], shuffled[other]] = [shuffled[other] as (typeof shuffled)[number], shuffled[index] as (typeof shuffled)[number]];
    }
    return shuffled;
  };
}

/** A value with its object keys in another order at every depth (`shuffle` reorders one object's entries). */
function reordered(value: unknown, shuffle: <T>(items: T[]) => T[]): unknown {
  if (Array.isArray(value)) return value.map((item) => reordered(item, shuffle));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(shuffle(Object.entries(value)).map(([key, child]) => [key, reordered(child, shuffle)]));
}

/** The value at a path of a definition (schema keys in camelCase, carried keys as written). */
function valueAt(definition: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = definition;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const severityOf = new Map(declarationRules.map((rule) => [rule.id, rule.severity]));

// ------------------------------------------------------------------------------ coverage

/** The levels of a served connector where keys no document lists, and nulls, must turn up. */
const levels = ["provider", "pattern", "field", "option", "oauth config", "scope", "mutations", "mutation"] as const;
type Level = (typeof levels)[number];

/** What a run generated, counted: unknown keys and nulls at each level, and carried values three or more levels deep. */
interface Coverage {
  unknownKeys: Record<Level, number>;
  nulls: Record<Level, number>;
  /** Unknown keys whose value holds objects or lists three or more levels deep. */
  deepUnknown: number;
  /** Nulls three or more levels down inside the value of an unknown key. */
  deepNulls: number;
}

function emptyCoverage(): Coverage {
  const zero = () => Object.fromEntries(levels.map((level) => [level, 0])) as Record<Level, number>;
  return { unknownKeys: zero(), nulls: zero(), deepUnknown: 0, deepNulls: 0 };
}

/** How many levels of objects and lists `value` holds (a leaf: 0). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

/** Nulls at `depth` or deeper inside `value` (its own entries are at depth 1). */
function nullsFrom(value: unknown, depth: number, at = 1): number {
  if (value === null || typeof value !== "object") return 0;
  return Object.values(value).reduce<number>((count, child) => count + (child === null && at >= depth ? 1 : 0) + nullsFrom(child, depth, at + 1), 0);
}

function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter((item): item is JsonObject => item !== null && typeof item === "object" && !Array.isArray(item)) : [];
}

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** Adds what one served connector holds to `coverage`. */
function countCoverage(coverage: Coverage, provider: JsonObject): void {
  const visit = (level: Level, object: JsonObject | undefined, known: (key: string) => boolean): void => {
    if (!object) return;
    for (const [key, value] of Object.entries(object)) {
      if (!known(key)) {
        coverage.unknownKeys[level] += 1;
        if (depthOf(value) >= 3) coverage.deepUnknown += 1;
        coverage.deepNulls += nullsFrom(value, 3);
      } else if (value === null) {
        coverage.nulls[level] += 1;
      }
    }
  };
  visit("provider", provider, providerKey);
  for (const pattern of objectsIn(provider.auth_patterns)) {
    visit("pattern", pattern, (key) => declaredIn(patternShape, key));
    for (const field of [...objectsIn(pattern.fields), ...objectsIn(pattern.account_fields)]) {
      visit("field", field, (key) => declaredIn(fieldShape, key));
      for (const option of objectsIn(field.options)) visit("option", option, (key) => declaredIn(optionShape, key));
    }
    const oauth = asObject(pattern.oauth_config);
    visit("oauth config", oauth, (key) => declaredIn(oauthConfigShape, key));
    for (const scope of objectsIn(oauth?.available_scopes)) visit("scope", scope, (key) => declaredIn(scopeShape, key));
    const mutations = asObject(pattern.auth_field_mutations);
    visit("mutations", mutations, (key) => declaredIn(mutationsShape, key));
    for (const [key, mutation] of Object.entries(mutations ?? {})) {
      if (declaredIn(mutationsShape, key)) visit("mutation", asObject(mutation), (name) => declaredIn(mutationShape, name));
    }
  }
}

/** Fails unless the run generated unknown keys and nulls at every level, and deep carried values. */
function expectFullCoverage(coverage: Coverage): void {
  const missing = [
    ...levels.filter((level) => coverage.unknownKeys[level] === 0).map((level) => `no unknown key at the ${level} level`),
    ...levels.filter((level) => coverage.nulls[level] === 0).map((level) => `no null at the ${level} level`),
    ...(coverage.deepUnknown === 0 ? ["no unknown key holding a value three levels deep"] : []),
    ...(coverage.deepNulls === 0 ? ["no null three levels deep inside an unknown key's value"] : []),
  ];
  expect({ missing, coverage }).toEqual({ missing: [], coverage });
}

// ---------------------------------------------------------------------------- the properties

describe("a connector Scalekit serves, with keys and values of any kind at every level", () => {
  test("listing -> pull file -> check -> payload sent is the identity (nulls read as absent)", async () => {
    const coverage = emptyCoverage();
    await fc.assert(
      fc.asyncProperty(servedProvider, async (provider) => {
        countCoverage(coverage, provider);
        const { file } = pulled(provider);
        const expected = servedPayload(provider);
        // The file written is the served payload itself.
        expect(file).toEqual(expected);
        const { inputs } = await checked({ scalekitPayload: file });
        const { definition } = parsed(file, "payload");
        expect(inputsDefinition(inputs)).toEqual(definition);
        expect(toScalekitPayload(inputsDefinition(inputs))).toEqual(expected);
      }),
      runs,
    );
    expectFullCoverage(coverage);
  });

  test("typed camelCase arguments read from the file send the same payload", async () => {
    const coverage = emptyCoverage();
    await fc.assert(
      fc.asyncProperty(servedProvider, async (provider) => {
        countCoverage(coverage, provider);
        const { file } = pulled(provider);
        const typed = fromPayloadSpelling(file) as Record<string, unknown>;
        const { inputs } = await checked(typed);
        const fromTyped = parsed(typed, "typed");
        const fromPayload = parsed(file, "payload");
        expect(inputsDefinition(inputs)).toEqual(fromTyped.definition);
        expect(fromTyped.definition).toEqual(fromPayload.definition);
        expect(toScalekitPayload(inputsDefinition(inputs))).toEqual(servedPayload(provider));
        // The same advice, at the same places, in either form.
        const advice = (warnings: Finding[]) => warnings.map((warning) => `${JSON.stringify(warning.path)} ${warning.ruleId}`);
        expect(advice(fromTyped.warnings)).toEqual(advice(fromPayload.warnings));
      }),
      runs,
    );
    expectFullCoverage(coverage);
  });

  test("the normalized form is idempotent, and no comparison sees key order", () => {
    const coverage = emptyCoverage();
    fc.assert(
      fc.property(servedProvider, fc.nat(), (provider, orderSeed) => {
        countCoverage(coverage, provider);
        const { stored, file } = pulled(provider);
        const fromStored = fromPayloadSpelling(stored) as Parameters<typeof normalizeDefinition>[0];
        const normalized = normalizeDefinition(fromStored);
        expect(normalizeDefinition(normalized)).toEqual(normalized);
        // Through the whole pipeline and back: the normalized form is its own fixed point.
        expect(parsed(toScalekitPayload(normalized), "payload").definition).toEqual(normalized);
        // Pulled, then compared with what Scalekit serves: no change to show.
        const { definition } = parsed(file, "payload");
        expect(changedProperties(storedToDefinition(stored), definition)).toEqual([]);
        expect(comparisonJson(definition)).toBe(comparisonJson(normalized));

        const shuffled = reordered(normalized, shuffler(orderSeed)) as Definition;
        expect(comparisonJson(shuffled)).toBe(comparisonJson(normalized));
        expect(canonicalJson(shuffled)).toBe(canonicalJson(normalized));
        // Normalizing puts the keys back in one order, at every depth.
        expect(JSON.stringify(normalizeDefinition(shuffled))).toBe(JSON.stringify(normalized));
        expect(changedProperties(normalized, shuffled)).toEqual([]);
      }),
      runs,
    );
    expectFullCoverage(coverage);
  });

  test("check never fails, and every warning is advice about a key that is still sent", async () => {
    const coverage = emptyCoverage();
    await fc.assert(
      fc.asyncProperty(servedProvider, async (provider) => {
        countCoverage(coverage, provider);
        const { file } = pulled(provider);
        const { warnings: printedWarnings } = await checked({ scalekitPayload: file });
        const { definition, warnings } = parsed(file, "payload");
        expect(printedWarnings).toHaveLength(warnings.length);
        for (const printed of printedWarnings) expect(printed.startsWith(`Connector "${definition.displayName}": `)).toBe(true);
        for (const warning of warnings) {
          const where = `${JSON.stringify(warning.path)} (${warning.ruleId}): ${warning.rule}`;
          expect({ where, severity: severityOf.get(warning.ruleId) }).toEqual({ where, severity: "warning" });
          // Nothing inside a pattern is left out, and no key is given twice in a pulled file.
          expect(where).not.toMatch(/left out/);
          if (warning.ruleId === "unknown-property") expect({ where, carried: valueAt(definition, warning.path) !== undefined }).toEqual({ where, carried: true });
        }
      }),
      runs,
    );
    expectFullCoverage(coverage);
  });
});

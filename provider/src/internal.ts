/**
 * pulumi-scalekit-connectors/internal: the provider's building blocks, for this repository's own
 * tools (the review and pull commands, the benchmarks) and tests.
 *
 * Not a stable API: any name here may change or go in any release, without notice. A Pulumi
 * program needs only the main entry, `pulumi-scalekit-connectors`.
 *
 * @packageDocumentation
 */

// Schemas and the declaration pipeline: readDeclaration is the one entry point; parseDeclaration,
// validateDefinition and validateScalekitPayload are thin wrappers of it.
export { authPatternSchema, connectorDefinitionShapeSchema } from "./core/schema/definition";
export { storedProviderSchema, type StoredProvider } from "./core/schema/provider-object";
export { readDeclaration, parseDeclaration, type DeclaredForm, type Finding, type DeclarationResult } from "./core/schema/declaration";
export { declarationRules, authPatternsPerConnector } from "./core/schema/rules";
export { validateDefinition, validateScalekitPayload } from "./core/schema/validate";
export type { PropertyPath } from "./core/schema/property-path";
export { reservedKeys, reservedKeyPaths, reservedKeysInArguments } from "./core/schema/reserved-keys";
export { parseJsonText, jsonSyntaxProblem } from "./core/json-text";

// The codec (every respelling, the canonical form, Scalekit's payload and stored answer), diff, names, warning texts.
export {
  toSnakeCase,
  toCamelCase,
  fromApiSpelling,
  readSpelled,
  toPayloadSpelling,
  fromPayloadSpelling,
  formatPropertyPath,
  normalizeDefinition,
  canonicalJson,
  definitionFrom,
  toScalekitPayload,
  storedToDefinition,
  payloadProperties,
  schemaOrderedPayload,
  definitionProperties,
  type ScalekitPayload,
} from "./core/codec";
export { changedProperties, comparisonJson } from "./core/diff";
export { connectorNameKey, sameConnectorName } from "./core/connector-name";
export { scopeChanges, describeScopeChange, connectionsNote, proxyWarnings, updateWarnings, declarationWarning, type ScopeChange } from "./core/warnings";

// The Scalekit client.
export { ScalekitClient, connectorsNamed, createOutcomeUnknown, type ScalekitClientOptions } from "./core/client/scalekit-client";
export { resolveCredentials, credentialSettings, type ScalekitCredentials, type ConfigSource } from "./core/client/credentials";
export { readScalekitError, isConnectorInUseRefusal, connectorInUseMessage, errorInfoType, redact, OperationCancelledError, type ScalekitErrorBody } from "./core/client/errors";
export { retryDelayMs, shouldRetry, retryRuleFor, retryRules, defaultRetryPolicy } from "./core/client/http";
export { resolveRequestBudget, InvalidRequestBudgetError } from "./core/client/request-budget";
export { providerSettings, type ProviderSetting } from "./core/client/provider-settings";
export { RequestPacer, sharedPacer } from "./core/client/request-pacer";
export { UnreadableAnswerError, IncompleteListingError, answerObject } from "./core/client/answer-reading";
export { failureText, debugRequested } from "./core/failure-report";

// The provider: its operations with an explicit context, the shared listing, the state's shapes, the serialized shim.
/** check, diff, create, read, update and remove, each with an explicit context (environment, warning sink). */
export * as operations from "./core/operations/operations";
export type { OperationContext } from "./core/operations/operations";
export { ConnectorSession } from "./core/session/connector-session";
export { ListingCache } from "./core/operations/listing-cache";
export { DropGate, DropsNeedConfirmationError, useDropGate, confirmedDrops, type Absence, type DropVerdict } from "./core/operations/drop-gate";
export type { CheckedInputs, ConnectorOutputs } from "./core/operations/state";
export { customConnectorProvider } from "./dynamic/shim";
export { failureForHost } from "./dynamic/host-error-echo";

// The resource plugin (provider/src/plugin/): its server, secrets on the wire, package schema.
export { startProviderServer, type RunningServer } from "./plugin/server";
export { EngineLog } from "./plugin/engine-log";
export { unwrapSecrets, wrapSecretsAt, wrapSecret, isSecretWrapper, specialSignatureKey, secretSignature } from "./plugin/secrets";
export { packageSchema, schemaText } from "./plugin/package-schema";
export { pluginExecutable, pluginVersion, schemaPath, packageRoot } from "./plugin/package-names";
export { pluginPlatforms, pluginArchiveName, currentPluginPlatform, releaseRepository, type PluginPlatform } from "./plugin/release";
export { detailedChanges } from "./core/operations/detailed-diff";
export { formatPulumiPath } from "./plugin/property-path";
export { credentialPaths } from "./core/operations/credential-paths";
export { WireSession } from "./plugin/wire-session";
export { checkConfig, configSource, changedConfig } from "./plugin/provider-config";
export { payloadCredentialPaths, withSecretConfigPlaceholders } from "./core/secret-config-placeholders";

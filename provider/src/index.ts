export {
  CustomConnector,
  type CustomConnectorArgs,
  type ScalekitPayloadConnectorArgs,
  type AuthPatternArgs,
  type AuthFieldArgs,
  type OAuthConfigArgs,
  type OAuthScopeArgs,
  type AuthFieldMutationsArgs,
  type DeepInput,
  type AuthPattern,
} from "./resource";
export { createProviderShim, customConnectorProvider } from "./shim";
export {
  connectorDefinitionSchema,
  connectorDefinitionShapeSchema,
  authPatternSchema,
  authTypes,
  inputTypes,
  displayNamePattern,
  metadataLimits,
  type ConnectorDefinition,
  type ConnectorDefinitionInput,
  type AuthField,
  type OAuthConfig,
  type OAuthScope,
  type AuthType,
} from "./schema/definition";
export { validateDefinition, validateScalekitPayload, describeFailures, formatPath, type ValidationFailure, type ValidationResult } from "./schema/validate";
export { guidanceFailures, proxyUrlPlaceholders, type RuleFailure } from "./schema/guidance-rules";
export { toSnakeCase, toCamelCase, type SnakeCased } from "./schema/case-mapping";
export { storedProviderSchema, type StoredProvider } from "./schema/provider-object";
export { fromScalekitPayload, toScalekitPayload, storedToDefinition, type ScalekitPayload } from "./mapping";
export { normalizeDefinition, canonicalJson, type NormalizedDefinition } from "./normalize";
export { changedProperties, definitionProperties, type DefinitionProperty } from "./diff";
export { scopeChanges, describeScopeChange, connectionsNote, proxyWarnings, updateWarnings, type ScopeChange } from "./warnings";
export { deriveIdentifier } from "./identifier";
export { ScalekitClient, listPageSize, connectorsNamed, AmbiguousConnectorNameError, CreateOutcomeUnknownError, type ScalekitClientOptions } from "./client/scalekit-client";
export { resolveCredentials, MissingCredentialsError, type ScalekitCredentials, type ConfigSource } from "./client/credentials";
export {
  ScalekitApiError,
  ScalekitTransportError,
  readScalekitError,
  isConnectorInUseRefusal,
  connectorInUseMessage,
  redact,
  adviceFor,
  grpcCodes,
  errorInfoType,
  type FieldViolation,
  type ScalekitErrorBody,
} from "./client/errors";
export {
  retryDelayMs,
  retryAfterMs,
  safeToRepeat,
  shouldRetry,
  retryRuleFor,
  retryRules,
  requestNeverSent,
  defaultRetryPolicy,
  defaultTimeoutMs,
  type RetryPolicy,
  type TransportOptions,
  type RetryRuleName,
  type AttemptFailure,
} from "./client/http";
export { ListingCache, listingFreshMs } from "./provider/listing-cache";
export { readDefinitionFiles, validateDefinitionFiles, type DefinitionFile } from "./definition-files";
export type { CheckedInputs, ConnectorOutputs } from "./provider/state";
/** The provider's operations with an explicit context (environment, warning sink), for tools and tests that drive them directly. */
export * as operations from "./provider/operations";
export type { OperationContext, Environment } from "./provider/operations";

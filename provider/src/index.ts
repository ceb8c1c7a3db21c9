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
  displayNameMaxLength,
  urlMaxLength,
  metadataLimits,
  type ConnectorDefinition,
  type ConnectorDefinitionInput,
  type AuthField,
  type OAuthConfig,
  type OAuthScope,
  type AuthType,
} from "./schema/definition";
export { validateDefinition, validateScalekitPayload, describeFailures, formatPath, type ValidationFailure, type ValidationResult } from "./schema/validate";
export {
  parseDeclaration,
  readDeclaration,
  formatPropertyPath,
  describeFindings,
  propertyNamer,
  schemaRuleId,
  type DeclaredForm,
  type DeclarationResult,
  type DeclarationReading,
  type Finding,
  type PropertyPath,
} from "./schema/declaration";
export { declarationRules, authPatternsPerConnector, ruleFindings, proxyUrlPlaceholders, type DeclarationRule, type Severity } from "./schema/rules";
export { toSnakeCase, toCamelCase, type SnakeCased } from "./schema/case-mapping";
export { storedProviderSchema, type StoredProvider } from "./schema/provider-object";
export { fromScalekitPayload, toScalekitPayload, storedToDefinition, type ScalekitPayload } from "./mapping";
export { normalizeDefinition, canonicalJson, type NormalizedDefinition, type NormalizableDefinition } from "./normalize";
export { changedProperties, definitionProperties, type DefinitionProperty } from "./diff";
export { scopeChanges, describeScopeChange, connectionsNote, proxyWarnings, updateWarnings, declarationWarning, type ScopeChange } from "./warnings";
export { connectorNameKey, sameConnectorName } from "./connector-name";
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
export { readDefinitionFiles, validateDefinitionFiles, checkDefinitionFiles, type DefinitionFile, type DefinitionFilesReport } from "./definition-files";
export type { CheckedInputs, ConnectorOutputs } from "./provider/state";
/** The provider's operations with an explicit context (environment, warning sink), for tools and tests that drive them directly. */
export * as operations from "./provider/operations";
export type { OperationContext, Environment } from "./provider/operations";

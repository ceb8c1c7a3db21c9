/**
 * pulumi-scalekit-connectors: Scalekit custom connectors as Pulumi resources.
 *
 * This entry is the package's public API: the `CustomConnector` resource with its argument and
 * output types, the helpers for folders of definition files in Scalekit's JSON payload format,
 * and the errors the provider raises. Everything else is internal; tools and tests reach it
 * through `pulumi-scalekit-connectors/internal`, which is not a stable API.
 *
 * @packageDocumentation
 */

export { CustomConnector } from "./dynamic/resource";
/** Every argument type of the core (core/arguments.ts); the plugin's SDK exports the same ones. */
export type * from "./core/arguments";
export type { NormalizedDefinition } from "./core/codec";
export { readDefinitionFiles, checkDefinitionFiles, validateDefinitionFiles, type DefinitionFile, type DefinitionFilesReport } from "./core/definition-files";
export {
  resolveSecretConfigPlaceholders,
  MissingSecretConfigError,
  type ResolvedDefinitionFile,
  type PlaceholderSite,
  type MissingSecretConfig,
} from "./core/secret-config-placeholders";
export { MissingCredentialsError } from "./core/client/credentials";
export { AmbiguousConnectorNameError, CreateOutcomeUnknownError, ScalekitApiError, ScalekitTransportError, type FieldViolation } from "./core/client/errors";

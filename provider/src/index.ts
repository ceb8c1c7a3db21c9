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

export {
  CustomConnector,
  type CustomConnectorArgs,
  type ScalekitPayloadConnectorArgs,
  type AuthPatternArgs,
  type AuthFieldArgs,
  type AuthFieldOptionArgs,
  type OAuthConfigArgs,
  type OAuthScopeArgs,
  type AuthFieldMutationsArgs,
  type DeepInput,
} from "./resource";
export type { NormalizedDefinition } from "./normalize";
export { readDefinitionFiles, checkDefinitionFiles, validateDefinitionFiles, type DefinitionFile, type DefinitionFilesReport } from "./definition-files";
export { MissingCredentialsError } from "./client/credentials";
export { AmbiguousConnectorNameError, CreateOutcomeUnknownError, ScalekitApiError, ScalekitTransportError, type FieldViolation } from "./client/errors";

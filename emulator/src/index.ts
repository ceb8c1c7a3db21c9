/** scalekit-emulator: a local emulator of the Scalekit custom connector API. */

export { startEmulator, EMULATOR_DEFAULTS } from "./server";
export type { EmulatorOptions, RunningEmulator } from "./server";
export { ROUTES, ROUTE_KEYS, OTHER_ROUTE, ANY_ROUTE, CONTROL_PREFIX } from "./routes";
export type { RouteKey } from "./routes";
export { CONTROL_PATHS } from "./controls";
export { GrpcCode } from "./errors";
export type { ErrorBody, ErrorInfo, GrpcCodeNumber } from "./errors";
export {
  DISPLAY_NAME_PATTERN,
  DISPLAY_NAME_MAX_LENGTH,
  ICON_SRC_PATTERN,
  IDENTIFIER_MAX_LENGTH,
  URL_MAX_LENGTH,
  METADATA_LIMITS,
} from "./validation";
export { ERROR_INFO_TYPE } from "./violations";
export type { FieldViolation, ValidationErrorInfo } from "./violations";
export { PROVIDER_TYPE_NUMBERS } from "./listing";
export {
  MAX_BODY_BYTES,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  VALIDATION_ERROR_CODE,
  ERROR_CODES,
  CONSTRAINTS,
  AUTH_TYPES,
  FIELD_INPUT_TYPES,
  IDENTIFIER_STYLES,
  DUPLICATE_NAMES_MODES,
  DELETE_IN_USE_MODES,
  UPDATE_SEMANTICS_MODES,
  VOCABULARIES_MODES,
  RATE_LIMIT_RETRY_AFTER_MODES,
  RATE_LIMIT_ERROR_CODE,
  RATE_LIMIT_WINDOW_MS,
  MODE_VALUES,
  DEFAULT_MODES,
} from "./assumptions";
export type {
  Constraint,
  EmulatorModes,
  IdentifierStyle,
  DuplicateNamesMode,
  DeleteInUseMode,
  UpdateSemanticsMode,
  VocabulariesMode,
  RateLimitRetryAfterMode,
} from "./assumptions";
export type {
  AuthField,
  AuthPattern,
  AuthType,
  ClockAdvanceBody,
  ClockState,
  ConnectorsDump,
  CountersBody,
  ExpireTokensResult,
  FaultRule,
  FaultsBody,
  FaultsState,
  FieldInputType,
  FieldMutation,
  FieldOption,
  IdleState,
  ListProvidersResponse,
  ListRequestKind,
  OAuthConfig,
  OAuthScope,
  Provider,
  ProviderInput,
  RateLimitSetting,
  RateLimitState,
  RequestRecord,
  ScalekitCredentials,
  TokenResponse,
  UsageBody,
  UsageState,
} from "./types";
export { seededRandom, type RandomSource } from "./random";

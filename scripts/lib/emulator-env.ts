/** What a running emulator exposes that a Pulumi run needs to reach it. */
export interface EmulatorEndpoint {
  url: string;
  clientId: string;
  clientSecret: string;
}

/** The environment variables the provider falls back to when stack config has no credentials. */
export function credentialsEnv(emulator: EmulatorEndpoint): NodeJS.ProcessEnv {
  return {
    SCALEKIT_ENVIRONMENT_URL: emulator.url,
    SCALEKIT_CLIENT_ID: emulator.clientId,
    SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
  };
}

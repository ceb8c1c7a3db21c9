// TEMPORARY: bench/run.ts still imports this; it goes with the bench's own change. Use ./credentials.
import { credentialsEnv as credentialsEnvOf, type ScalekitCredentials } from "./credentials";

export function credentialsEnv(emulator: { credentials: ScalekitCredentials }): NodeJS.ProcessEnv {
  return credentialsEnvOf(emulator.credentials);
}

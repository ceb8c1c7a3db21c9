/** Types for scripts/lib/dynamic-host-config.js: the one place that loads Pulumi's dynamic provider host's Config class. */

/** What the host hands to `configure({ config })`. */
export interface DynamicHostConfig {
  get(key: string): string | undefined;
  require(key: string): string;
}

/** The host's Config class; throws, saying what to do, when the installed @pulumi/pulumi no longer has it there. */
export function dynamicHostConfig(): new (rawConfig: Record<string, string>, projectName: string) => DynamicHostConfig;
/** The resolved files of the host's entry and of its Config module, and the host's folder. */
export function dynamicHostFiles(): { host: string; config: string; dir: string };
/** The private module path of the Config class inside @pulumi/pulumi. */
export const configPath: string;

/**
 * The connectors of one emulated environment: the built-in providers, the
 * custom connectors in creation order, and their usage (connections and
 * connected accounts). Everything here is synchronous, so one change never
 * interleaves with another.
 */

import { randomBytes } from "node:crypto";
import {
  CREATE_DEFAULTS,
  IDENTIFIERS_SHARED_WITH_DEFAULT_PROVIDERS,
  PROVIDER_ID_PREFIX,
  UPDATE_KEEPS_PROXY_ENABLED_WHEN_OMITTED,
  connectorInUseMessage,
  deriveIdentifier,
  isCustomMcp,
} from "./assumptions";
import { builtInProviders } from "./builtins";
import { alreadyExists, failedPrecondition, notFound } from "./errors";
import type { Sequenced } from "./pagination";
import type { Provider, ProviderInput, UsageBody } from "./types";

export type ProviderKind = "DEFAULT" | "CUSTOM" | "ALL";

/** What the state file holds. */
export interface PersistedState {
  version: 1;
  providers: Provider[];
  usage: Record<string, UsageBody>;
}

interface CustomRecord {
  seq: number;
  provider: Provider;
  usage: UsageBody;
}

const NO_USAGE: UsageBody = { connections: 0, connectedAccounts: 0 };

export class ConnectorStore {
  private readonly builtIns: Sequenced<Provider>[];
  /** Keyed by identifier; a Map keeps insertion (creation) order. */
  private readonly customs = new Map<string, CustomRecord>();
  private nextSeq: number;

  constructor() {
    this.builtIns = builtInProviders().map((provider, index) => ({ seq: index + 1, value: provider }));
    this.nextSeq = this.builtIns.length + 1;
  }

  create(input: ProviderInput): Provider {
    const identifier = deriveIdentifier(input.display_name);
    if (this.customs.has(identifier) || (IDENTIFIERS_SHARED_WITH_DEFAULT_PROVIDERS && this.findBuiltIn(identifier))) {
      throw alreadyExists(
        `a connector with identifier "${identifier}" already exists (derived from display_name "${input.display_name}"); ` +
          `update it instead, or choose another display name`,
      );
    }
    const patterns = input.auth_patterns ?? [];
    const provider: Provider = {
      id: PROVIDER_ID_PREFIX + randomBytes(12).toString("hex"),
      identifier,
      display_name: input.display_name,
      description: input.description ?? CREATE_DEFAULTS.description,
      categories: [...CREATE_DEFAULTS.categories],
      auth_patterns: patterns,
      icon_src: input.icon_src ?? CREATE_DEFAULTS.icon_src,
      display_priority: CREATE_DEFAULTS.display_priority,
      coming_soon: CREATE_DEFAULTS.coming_soon,
      proxy_url: input.proxy_url ?? "",
      proxy_enabled: input.proxy_enabled ?? CREATE_DEFAULTS.proxy_enabled,
      is_custom: true,
      is_custom_mcp: isCustomMcp(patterns),
      metadata: input.metadata ?? {},
    };
    this.customs.set(identifier, { seq: this.nextSeq++, provider, usage: { ...NO_USAGE } });
    return structuredClone(provider);
  }

  /** Applies the update semantics: see the README ("Update semantics"). */
  update(identifier: string, input: ProviderInput): Provider {
    const record = this.requireCustom(identifier);
    const current = record.provider;
    const patterns = input.auth_patterns ?? current.auth_patterns;
    const proxyEnabled =
      input.proxy_enabled ?? (UPDATE_KEEPS_PROXY_ENABLED_WHEN_OMITTED ? current.proxy_enabled : CREATE_DEFAULTS.proxy_enabled);
    record.provider = {
      ...current,
      display_name: input.display_name,
      description: input.description ?? current.description,
      auth_patterns: patterns,
      icon_src: input.icon_src ?? current.icon_src,
      proxy_url: input.proxy_url ?? current.proxy_url,
      proxy_enabled: proxyEnabled,
      is_custom_mcp: isCustomMcp(patterns),
      metadata: input.metadata ?? {},
    };
    return structuredClone(record.provider);
  }

  delete(identifier: string): void {
    const record = this.requireCustom(identifier);
    const { connections, connectedAccounts } = record.usage;
    if (connections > 0 || connectedAccounts > 0) {
      throw failedPrecondition(connectorInUseMessage(identifier, connections, connectedAccounts));
    }
    this.customs.delete(identifier);
  }

  /** Providers of one kind, optionally one identifier, in creation order. */
  list(kind: ProviderKind, identifier?: string): Sequenced<Provider>[] {
    const customs = [...this.customs.values()].map((record) => ({ seq: record.seq, value: record.provider }));
    const all = kind === "DEFAULT" ? this.builtIns : kind === "CUSTOM" ? customs : [...this.builtIns, ...customs];
    return all.filter((item) => identifier === undefined || item.value.identifier === identifier);
  }

  customProviders(): Provider[] {
    return [...this.customs.values()].map((record) => structuredClone(record.provider));
  }

  getUsage(identifier: string): UsageBody {
    return { ...this.requireCustom(identifier).usage };
  }

  setUsage(identifier: string, usage: UsageBody): UsageBody {
    const record = this.requireCustom(identifier);
    record.usage = { ...usage };
    return { ...record.usage };
  }

  /** Removes every custom connector and its usage; built-ins stay. */
  reset(): void {
    this.customs.clear();
    this.nextSeq = this.builtIns.length + 1;
  }

  snapshot(): PersistedState {
    const usage: Record<string, UsageBody> = {};
    const providers: Provider[] = [];
    for (const record of this.customs.values()) {
      providers.push(record.provider);
      usage[record.provider.identifier] = record.usage;
    }
    return { version: 1, providers, usage };
  }

  /** Replaces the custom connectors with those of a state file (already checked). */
  restore(state: PersistedState): void {
    this.reset();
    for (const provider of state.providers) {
      const usage = state.usage[provider.identifier] ?? NO_USAGE;
      this.customs.set(provider.identifier, { seq: this.nextSeq++, provider: structuredClone(provider), usage: { ...usage } });
    }
  }

  private findBuiltIn(identifier: string): Provider | undefined {
    return this.builtIns.find((item) => item.value.identifier === identifier)?.value;
  }

  private requireCustom(identifier: string): CustomRecord {
    const record = this.customs.get(identifier);
    if (record) return record;
    if (this.findBuiltIn(identifier)) {
      throw notFound(`"${identifier}" is a built-in provider, not a custom connector; it cannot be changed or deleted here`);
    }
    throw notFound(`no custom connector with identifier "${identifier}"`);
  }
}

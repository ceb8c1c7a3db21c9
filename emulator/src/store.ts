/**
 * The connectors of one emulated environment: the built-in providers, the
 * custom connectors in creation order, and their usage (connections and
 * connected accounts). Everything here is synchronous, so one change never
 * interleaves with another. How names, identifiers, updates and in-use
 * deletes are treated depends on the modes passed in (see assumptions.ts).
 */

import { randomBytes } from "node:crypto";
import {
  DELETE_IN_USE_CODES,
  KEPT_WHEN_EMPTY_ON_PARTIAL_UPDATE,
  PROVIDER_ID_PREFIX,
  SERVER_OWNED_FIELDS,
  candidateIdentifier,
  connectorInUseMessage,
  connectorNameKey,
  duplicateNameMessage,
  isCustomMcp,
  type EmulatorModes,
} from "./assumptions";
import { builtInProviders } from "./builtins";
import { ApiError, GrpcCode, alreadyExists, notFound } from "./errors";
import type { Sequenced } from "./pagination";
import { seededRandom, type RandomSource } from "./random";
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

/**
 * An update under `updateSemantics: "partial"`: the fields without presence
 * that the request leaves empty ("" or false, which on the wire is the same as
 * left out) keep what the connector holds. Everything else is taken as given:
 * metadata left out is {} and clears it, auth_patterns replace the list.
 */
function keepStoredWhereEmpty(input: ProviderInput, stored: Provider): ProviderInput {
  const applied: ProviderInput = { ...input };
  for (const key of KEPT_WHEN_EMPTY_ON_PARTIAL_UPDATE) {
    if (input[key] === "" || input[key] === false) Object.assign(applied, { [key]: stored[key] });
  }
  return applied;
}

/** More draws than this for one free identifier means something is wrong with the generator, not bad luck. */
const MAX_IDENTIFIER_ATTEMPTS = 10_000;

export class ConnectorStore {
  private readonly builtIns: Sequenced<Provider>[];
  /** Keyed by identifier; a Map keeps insertion (creation) order. */
  private readonly customs = new Map<string, CustomRecord>();
  private nextSeq: number;
  private random: RandomSource;

  /** `identifierSeed` seeds the random parts of generated identifiers. */
  constructor(private readonly identifierSeed: number) {
    this.builtIns = builtInProviders().map((provider, index) => ({ seq: index + 1, value: provider }));
    this.nextSeq = this.builtIns.length + 1;
    this.random = seededRandom(identifierSeed);
  }

  create(input: ProviderInput, modes: EmulatorModes): Provider {
    if (modes.duplicateNames === "conflict") this.refuseTakenName(input.display_name);
    const identifier = this.freeIdentifier(modes, input.display_name);
    const provider: Provider = {
      id: PROVIDER_ID_PREFIX + randomBytes(12).toString("hex"),
      identifier,
      display_name: input.display_name,
      description: input.description,
      categories: [...SERVER_OWNED_FIELDS.categories],
      auth_patterns: input.auth_patterns,
      icon_src: input.icon_src,
      display_priority: SERVER_OWNED_FIELDS.display_priority,
      coming_soon: SERVER_OWNED_FIELDS.coming_soon,
      proxy_url: input.proxy_url,
      proxy_enabled: input.proxy_enabled,
      is_custom: true,
      is_custom_mcp: isCustomMcp(input.auth_patterns),
      metadata: input.metadata,
    };
    this.customs.set(identifier, { seq: this.nextSeq++, provider, usage: { ...NO_USAGE } });
    return structuredClone(provider);
  }

  /**
   * Applies an update under `updateSemantics`: "replace" takes the whole
   * definition as given; "partial" keeps the stored description, icon_src and
   * proxy_enabled where the request gives their empty value. `id` and
   * `identifier` stay either way.
   */
  update(identifier: string, input: ProviderInput, modes: EmulatorModes): Provider {
    const record = this.requireCustom(identifier);
    if (modes.duplicateNames === "conflict") this.refuseTakenName(input.display_name, identifier);
    const applied = modes.updateSemantics === "partial" ? keepStoredWhereEmpty(input, record.provider) : input;
    record.provider = { ...record.provider, ...this.definitionFields(applied) };
    return structuredClone(record.provider);
  }

  delete(identifier: string, modes: EmulatorModes): void {
    const record = this.requireCustom(identifier);
    const { connections, connectedAccounts } = record.usage;
    if (connections > 0 || connectedAccounts > 0) {
      throw new ApiError(DELETE_IN_USE_CODES[modes.deleteInUse], connectorInUseMessage(identifier, connections, connectedAccounts));
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

  /** Removes every custom connector and its usage (built-ins stay), and restarts the identifier random sequence. */
  reset(): void {
    this.customs.clear();
    this.nextSeq = this.builtIns.length + 1;
    this.random = seededRandom(this.identifierSeed);
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

  /** The fields a payload decides, and the one derived from them. */
  private definitionFields(input: ProviderInput): Pick<Provider, keyof ProviderInput | "is_custom_mcp"> {
    return {
      display_name: input.display_name,
      description: input.description,
      auth_patterns: input.auth_patterns,
      icon_src: input.icon_src,
      proxy_url: input.proxy_url,
      proxy_enabled: input.proxy_enabled,
      is_custom_mcp: isCustomMcp(input.auth_patterns),
      metadata: input.metadata,
    };
  }

  /** 409 when a custom connector other than `except` holds the same name (ignoring case and spaces). */
  private refuseTakenName(displayName: string, except?: string): void {
    const key = connectorNameKey(displayName);
    for (const [identifier, record] of this.customs) {
      if (identifier !== except && connectorNameKey(record.provider.display_name) === key) {
        throw alreadyExists(duplicateNameMessage(displayName, record.provider));
      }
    }
  }

  private freeIdentifier(modes: EmulatorModes, displayName: string): string {
    for (let attempt = 0; attempt < MAX_IDENTIFIER_ATTEMPTS; attempt++) {
      const identifier = candidateIdentifier(modes.identifierStyle, displayName, this.random, attempt);
      if (!this.customs.has(identifier) && !this.findBuiltIn(identifier)) return identifier;
    }
    throw new ApiError(
      GrpcCode.Internal,
      `no free identifier for "${displayName}" in ${MAX_IDENTIFIER_ATTEMPTS} attempts (identifierStyle ${modes.identifierStyle}); ` +
        `delete some connectors or switch the identifier style`,
    );
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
    throw notFound(`no custom connector with identifier "${identifier}"; list the custom connectors to find its current identifier`);
  }
}

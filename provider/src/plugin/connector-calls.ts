/**
 * The CustomConnector's calls as the plugin receives them, on plain values: secrets unwrapped
 * before the operations run (Scalekit receives the value itself) and wrapped again at their own
 * paths in what goes back, every message redacted of the secrets this process knows, warnings
 * sent to the engine about the resource. The operations (provider/operations.ts) decide
 * everything else, as they do for the dynamic provider.
 */
import { resolveCredentials, type ConfigSource } from "../core/client/credentials";
import { redact } from "../core/client/errors";
import { debugRequested, failureText } from "../core/failure-report";
import { resolveRequestBudget } from "../core/client/request-budget";
import type { ScalekitClient } from "../core/client/scalekit-client";
import { ListingCache } from "../core/operations/listing-cache";
import * as operations from "../core/operations/operations";
import { credentialPaths } from "../core/operations/credential-paths";
import { SecretValues } from "../core/operations/secret-values";
import type { PropertyChange } from "../core/operations/detailed-diff";
import type { CheckedInputs, ConnectorOutputs } from "../core/operations/state";
import type { PropertyPath } from "../core/schema/spelling";
import { unwrapSecrets, wrapSecretsAt } from "./secrets";

type Properties = Record<string, unknown>;
type StoredOutputs = Partial<ConnectorOutputs>;

export interface CheckOutcome {
  inputs?: Properties;
  failures?: { property: string; reason: string }[];
}

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  stables: string[];
  /** Path in the user's properties → kind of change. */
  detailedDiff?: Record<string, PropertyChange>;
}

export interface WriteOutcome {
  id: string;
  properties: Properties;
}

export interface ReadOutcome {
  /** Empty when Scalekit no longer has the connector. */
  id: string;
  properties: Properties;
  inputs: Properties;
}

/** Where the calls report warnings: the engine, about one resource. */
export type WarningSink = (urn: string, message: string) => void;

/** The connector calls of one plugin process: one provider configuration, one Scalekit environment. */
export class ConnectorCalls {
  private config: ConfigSource | undefined;
  private environment: operations.Environment | undefined;
  /**
   * Secret values seen in this process (values marked secret, every credential at a credential
   * path of what the engine sent, the client secret), kept out of every message.
   */
  private readonly secretValues = new SecretValues();
  /** Aborted by the engine's Cancel (or when the engine goes away): ends every open call to Scalekit. */
  private readonly cancellation = new AbortController();
  /** Warnings already sent, per resource: each is said once per command. */
  private readonly warned = new Set<string>();

  constructor(private readonly sink: WarningSink) {}

  configure(config: ConfigSource): void {
    this.config = config;
    this.environment = undefined;
  }

  private environmentFor(): operations.Environment {
    if (!this.environment) {
      const credentials = resolveCredentials(this.config);
      const maxRequestsPerMinute = resolveRequestBudget(this.config);
      this.secretValues.add([credentials.clientSecret]);
      // Loaded on first use: check and diff never need the HTTP stack.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ScalekitClient: Client } = require("../core/client/scalekit-client") as { ScalekitClient: typeof ScalekitClient };
      const client = new Client(credentials, { signal: this.cancellation.signal, knownSecrets: () => this.secretValues.list(), maxRequestsPerMinute });
      this.environment = { client, listing: new ListingCache(client) };
    }
    return this.environment;
  }

  /** Every secret this process knows of. */
  knownSecrets(): string[] {
    const fromClient = this.environment?.client.secrets() ?? [];
    const configured = [this.config?.get("scalekit:clientSecret"), process.env.SCALEKIT_CLIENT_SECRET];
    return [...this.secretValues.list(), ...fromClient, ...configured].filter((value): value is string => typeof value === "string" && value !== "");
  }

  /** A message with every known secret replaced. */
  redact(text: string): string {
    return redact(text, this.knownSecrets());
  }

  private context(urn: string): operations.OperationContext {
    return {
      environment: () => this.environmentFor(),
      warn: (message) => {
        const text = this.redact(message);
        const key = `${urn}\u0000${text}`;
        if (this.warned.has(key)) return;
        this.warned.add(key);
        this.sink(urn, text);
      },
    };
  }

  /** Unwraps `value`, remembering its secret strings for redaction. */
  private plain<T>(value: T): { plain: T; secretPaths: PropertyPath[] } {
    const unwrapped = unwrapSecrets(value);
    this.secretValues.add(unwrapped.secretStrings);
    this.secretValues.addCredentialsOf(unwrapped.plain);
    return unwrapped;
  }

  /** Runs an operation; an error leaves as the one line the user reads (core/failure-report.ts), every known secret redacted. */
  private async guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new Error(failureText(error, { secrets: this.knownSecrets(), debug: debugRequested() }));
    }
  }

  check(urn: string, news: Properties): Promise<CheckOutcome> {
    return this.guarded(async () => {
      const { plain, secretPaths } = this.plain(news);
      const result = await operations.check(this.context(urn), plain);
      if (result.failures && result.failures.length > 0) return { failures: result.failures.map((f) => ({ property: f.property, reason: this.redact(f.reason) })) };
      return { inputs: wrapSecretsAt((result.inputs ?? plain) as Properties, secretPaths) };
    });
  }

  diff(urn: string, olds: Properties, news: Properties): Promise<DiffOutcome> {
    return this.guarded(async () => {
      const before = this.plain(olds).plain as StoredOutputs;
      const after = this.plain(news).plain as CheckedInputs;
      const { result, changes } = await operations.diffInDetail(this.context(urn), before, after);
      return {
        changes: result.changes !== false,
        replaces: result.replaces ?? [],
        stables: result.stables ?? [],
        ...(changes ? { detailedDiff: changes } : {}),
      };
    });
  }

  create(urn: string, news: Properties, preview: boolean): Promise<WriteOutcome> {
    return this.guarded(async () => {
      const { plain, secretPaths } = this.plain(news);
      if (preview) return { id: "", properties: wrapSecretsAt(operations.plannedOutputs(plain as CheckedInputs), secretPaths) };
      const created = await operations.create(this.context(urn), plain as CheckedInputs);
      return { id: created.id, properties: wrapSecretsAt(created.outs as Properties, secretPaths) };
    });
  }

  update(urn: string, id: string, olds: Properties, news: Properties, preview: boolean): Promise<Properties> {
    return this.guarded(async () => {
      const before = this.plain(olds).plain as StoredOutputs;
      const { plain, secretPaths } = this.plain(news);
      if (preview) return wrapSecretsAt(operations.plannedOutputs(plain as CheckedInputs, before), secretPaths);
      const updated = await operations.update(this.context(urn), id, before, plain as CheckedInputs);
      return wrapSecretsAt((updated.outs ?? {}) as Properties, secretPaths);
    });
  }

  /** Refresh (the stored outputs and inputs given) or import (the id alone). */
  read(urn: string, id: string, properties: Properties, inputs: Properties): Promise<ReadOutcome> {
    return this.guarded(async () => {
      const stored = this.plain(properties);
      const declared = this.plain(inputs);
      const result = await operations.read(this.context(urn), id, stored.plain as StoredOutputs);
      if (!result.id) return { id: "", properties: {}, inputs: {} };
      this.secretValues.addCredentialsOf(result.props, result.inputs);
      // An import knows no secret of the program's: every credential Scalekit holds is kept secret.
      const secretPaths = [...stored.secretPaths, ...declared.secretPaths, ...credentialPaths(result.props ?? {}), ...credentialPaths(result.inputs ?? {})];
      return {
        id: result.id,
        properties: wrapSecretsAt((result.props ?? {}) as Properties, secretPaths),
        inputs: wrapSecretsAt((result.inputs ?? {}) as Properties, secretPaths),
      };
    });
  }

  delete(urn: string, id: string, properties: Properties): Promise<void> {
    return this.guarded(async () => {
      await operations.remove(this.context(urn), id, this.plain(properties).plain as StoredOutputs);
    });
  }

  /**
   * The engine's Cancel: every call to Scalekit still open or waiting to be retried ends now with
   * an error saying it was cancelled, and so does any later one. `reason` says why, in words.
   */
  cancel(reason = "Pulumi cancelled the operation"): void {
    if (!this.cancellation.signal.aborted) this.cancellation.abort(reason);
  }

  close(): Promise<void> {
    return this.environment?.client.close() ?? Promise.resolve();
  }
}

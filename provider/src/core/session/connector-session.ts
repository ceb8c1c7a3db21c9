/**
 * One provider configuration at work: the Scalekit client and the shared listing of its
 * environment, the secrets it knows of, the warnings it has said, and the guard that keeps every
 * known secret out of what leaves. Both doors hold one session per configuration and only
 * translate: the dynamic runtime to and from `pulumi.dynamic` results, the plugin server to and
 * from protobuf. The operations (operations.ts) decide everything else.
 */
import { resolveCredentials, type ConfigSource } from "../client/credentials";
import { redact } from "../client/errors";
import { resolveRequestBudget } from "../client/request-budget";
import { debugRequested, failureText } from "../failure-report";
import type { ScalekitClient } from "../client/scalekit-client";
import { ListingCache } from "../operations/listing-cache";
import * as operations from "../operations/operations";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "../operations/results";
import { SecretValues } from "../operations/secret-values";
import type { CheckedInputs, ConnectorOutputs, LegacyConnectorOutputs } from "../operations/state";

/** Outputs a stack holds: this version's, or 0.1.0's. */
export type StoredOutputs = Partial<ConnectorOutputs> | Partial<LegacyConnectorOutputs>;

export interface SessionOptions {
  /** Where warnings go, each once per session and resource; `resource` is what the call named (a URN), if anything. */
  warn(message: string, resource?: string): void;
  /** Ends every open call to Scalekit when aborted (the engine's Cancel). */
  signal?: AbortSignal;
  /** Secret values known before this configuration (a door configured again keeps redacting them). */
  knownSecrets?: Iterable<string>;
  /** The error a failed call leaves as, given the one line the user reads (core/failure-report.ts); a plain Error when not given. */
  failure?(text: string): Error;
}

export class ConnectorSession {
  private environment: operations.Environment | undefined;
  /** Secret values learnt: the client secret, values a door says were marked secret, every credential at a credential path of what the calls carried. */
  private readonly secretValues = new SecretValues();
  /** Warnings already said, per resource: a session serves one command, and each warning is said once in it. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly config: ConfigSource | undefined,
    private readonly options: SessionOptions,
  ) {
    this.secretValues.add(options.knownSecrets ?? []);
  }

  /** Every secret this session knows of, so that no message carries one. */
  knownSecrets(): string[] {
    const configured = [this.config?.get("scalekit:clientSecret"), process.env.SCALEKIT_CLIENT_SECRET];
    const fromClient = this.environment?.client.secrets() ?? [];
    return [...this.secretValues.list(), ...fromClient, ...configured].filter((value): value is string => typeof value === "string" && value !== "");
  }

  /** A text with every known secret replaced. */
  redact(text: string): string {
    return redact(text, this.knownSecrets());
  }

  /** Remembers values a door knows to be secret (the plugin's values marked secret on the wire). */
  rememberSecrets(values: Iterable<string>): void {
    this.secretValues.add(values);
  }

  check(olds: unknown, news: Record<string, unknown>, resource?: string): Promise<CheckResult> {
    return this.guarded([olds, news], async () => {
      const result = await operations.check(this.context(resource), news);
      if (!result.failures || result.failures.length === 0) return result;
      return { failures: result.failures.map((failure) => ({ property: failure.property, reason: this.redact(failure.reason) })) };
    });
  }

  diff(olds: StoredOutputs, news: CheckedInputs, resource?: string): Promise<DiffResult> {
    return this.guarded([olds, news], () => operations.diff(this.context(resource), olds, news));
  }

  /** The outputs a create (no `olds`) or an update would give, for a preview that writes nothing. */
  plannedOutputs(news: CheckedInputs, olds?: StoredOutputs): Promise<Record<string, unknown>> {
    return this.guarded([olds, news], async () => operations.plannedOutputs(news, olds));
  }

  create(inputs: CheckedInputs, resource?: string): Promise<CreateResult> {
    return this.guarded([inputs], () => operations.create(this.context(resource), inputs));
  }

  read(id: string, outputs?: StoredOutputs, resource?: string): Promise<ReadResult> {
    return this.guarded([outputs], async () => {
      const result = await operations.read(this.context(resource), id, outputs);
      this.secretValues.addCredentialsOf(result.outputs, result.inputs);
      return result;
    });
  }

  update(id: string, olds: StoredOutputs, news: CheckedInputs, resource?: string): Promise<UpdateResult> {
    return this.guarded([olds, news], () => operations.update(this.context(resource), id, olds, news));
  }

  remove(id: string, outputs?: StoredOutputs, resource?: string): Promise<void> {
    return this.guarded([outputs], () => operations.remove(this.context(resource), id, outputs));
  }

  /** Releases the client's connections. */
  close(): Promise<void> {
    return this.environment?.client.close() ?? Promise.resolve();
  }

  /** The client and listing of the configured environment, made on first use. */
  private connectedEnvironment(): operations.Environment {
    if (!this.environment) {
      const credentials = resolveCredentials(this.config);
      const maxRequestsPerMinute = resolveRequestBudget(this.config);
      this.secretValues.add([credentials.clientSecret]);
      // Loaded on first use: check and diff never need the HTTP stack (undici).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ScalekitClient: Client } = require("../client/scalekit-client") as { ScalekitClient: typeof ScalekitClient };
      const client = new Client(credentials, { signal: this.options.signal, knownSecrets: () => this.secretValues.list(), maxRequestsPerMinute });
      this.environment = { client, listing: new ListingCache(client) };
    }
    return this.environment;
  }

  private context(resource: string | undefined): operations.OperationContext {
    return {
      environment: () => this.connectedEnvironment(),
      warn: (message) => {
        const text = this.redact(message);
        const key = `${resource ?? ""}\u0000${text}`;
        if (this.warned.has(key)) return;
        this.warned.add(key);
        this.options.warn(text, resource);
      },
    };
  }

  /** Runs a call after remembering the credentials its values hold; an error leaves as the one line the user reads, every known secret redacted (core/failure-report.ts). */
  private async guarded<T>(values: unknown[], run: () => Promise<T>): Promise<T> {
    try {
      this.secretValues.addCredentialsOf(...values);
      return await run();
    } catch (error) {
      const text = failureText(error, { secrets: this.knownSecrets(), debug: debugRequested() });
      throw this.options.failure ? this.options.failure(text) : new Error(text);
    }
  }
}

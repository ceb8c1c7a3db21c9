/**
 * The connector session (core/session) as the plugin's wire sees it. The engine sends secrets
 * wrapped (plugin/secrets.ts); this unwraps them before the session runs a call (Scalekit receives
 * the value itself) and wraps them again at their own paths in what goes back. The session of the
 * provider configuration does the rest, as it does for the dynamic provider: redaction, warnings
 * said once, the client. The server (server.ts) translates between these values and protobuf.
 */
import type { ConfigSource } from "../core/client/credentials";
import { credentialPaths } from "../core/operations/credential-paths";
import type { DiffResult } from "../core/operations/results";
import type { CheckedInputs } from "../core/operations/state";
import { ConnectorSession, type StoredOutputs } from "../core/session/connector-session";
import type { PropertyPath } from "../core/schema/property-path";
import { unwrapSecrets, wrapSecretsAt } from "./secrets";

type Properties = Record<string, unknown>;

export interface CheckOutcome {
  inputs?: Properties;
  failures?: { property: string; reason: string }[];
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

/** The session of one plugin process's provider configuration, with secrets unwrapped on the way in and wrapped again on the way out; the engine's Cancel ends its open calls. */
export class WireSession {
  /** Aborted by the engine's Cancel (or when the engine goes away): ends every open call to Scalekit. */
  private readonly cancellation = new AbortController();
  private session: ConnectorSession;

  constructor(private readonly sink: WarningSink) {
    this.session = this.sessionFor(undefined);
  }

  configure(config: ConfigSource): void {
    this.session = this.sessionFor(config, this.session.knownSecrets());
  }

  private sessionFor(config: ConfigSource | undefined, knownSecrets: string[] = []): ConnectorSession {
    return new ConnectorSession(config, { warn: (message, urn) => this.sink(urn ?? "", message), signal: this.cancellation.signal, knownSecrets });
  }

  /** A message with every known secret replaced. */
  redact(text: string): string {
    return this.session.redact(text);
  }

  /** Unwraps `value`, telling the session its secret strings. */
  private unwrapped<T>(value: T): { plain: T; secretPaths: PropertyPath[] } {
    const unwrapped = unwrapSecrets(value);
    this.session.rememberSecrets(unwrapped.secretStrings);
    return unwrapped;
  }

  async check(urn: string, news: Properties): Promise<CheckOutcome> {
    const { plain, secretPaths } = this.unwrapped(news);
    const result = await this.session.check(undefined, plain, urn);
    if (result.failures && result.failures.length > 0) return { failures: result.failures };
    return { inputs: wrapSecretsAt((result.inputs ?? plain) as Properties, secretPaths) };
  }

  async diff(urn: string, olds: Properties, news: Properties): Promise<DiffResult> {
    const before = this.unwrapped(olds).plain as StoredOutputs;
    const after = this.unwrapped(news).plain as CheckedInputs;
    return this.session.diff(before, after, urn);
  }

  async create(urn: string, news: Properties, preview: boolean): Promise<WriteOutcome> {
    const { plain, secretPaths } = this.unwrapped(news);
    if (preview) return { id: "", properties: wrapSecretsAt(await this.session.plannedOutputs(plain as CheckedInputs), secretPaths) };
    const created = await this.session.create(plain as CheckedInputs, urn);
    return { id: created.id, properties: wrapSecretsAt({ ...created.outputs }, secretPaths) };
  }

  async update(urn: string, id: string, olds: Properties, news: Properties, preview: boolean): Promise<Properties> {
    const before = this.unwrapped(olds).plain as StoredOutputs;
    const { plain, secretPaths } = this.unwrapped(news);
    if (preview) return wrapSecretsAt(await this.session.plannedOutputs(plain as CheckedInputs, before), secretPaths);
    const updated = await this.session.update(id, before, plain as CheckedInputs, urn);
    return wrapSecretsAt({ ...updated.outputs }, secretPaths);
  }

  /** Refresh (the stored outputs and inputs given) or import (the id alone). */
  async read(urn: string, id: string, properties: Properties, inputs: Properties): Promise<ReadOutcome> {
    const stored = this.unwrapped(properties);
    const declared = this.unwrapped(inputs);
    const result = await this.session.read(id, stored.plain as StoredOutputs, urn);
    if (result.id === undefined) return { id: "", properties: {}, inputs: {} };
    // An import knows no secret of the program's: every credential Scalekit holds is kept secret.
    const outputs: Properties = { ...result.outputs };
    const live: Properties = { ...result.inputs };
    const secretPaths = [...stored.secretPaths, ...declared.secretPaths, ...credentialPaths(outputs), ...credentialPaths(live)];
    return { id: result.id, properties: wrapSecretsAt(outputs, secretPaths), inputs: wrapSecretsAt(live, secretPaths) };
  }

  async delete(urn: string, id: string, properties: Properties): Promise<void> {
    await this.session.remove(id, this.unwrapped(properties).plain as StoredOutputs, urn);
  }

  /**
   * The engine's Cancel: every call to Scalekit still open or waiting to be retried ends now with
   * an error saying it was cancelled, and so does any later one. `reason` says why, in words.
   */
  cancel(reason = "Pulumi cancelled the operation"): void {
    if (!this.cancellation.signal.aborted) this.cancellation.abort(reason);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

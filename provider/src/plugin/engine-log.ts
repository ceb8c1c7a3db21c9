/**
 * Warnings as engine diagnostics, attached to the resource they are about. The engine starts a
 * resource plugin with its gRPC address as the first argument (and may send it again in Attach);
 * without one (a plugin run by hand, a test) the text goes to stderr, which the CLI shows too.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

/** An engine address as the engine passes it: `host:port` (an IPv6 host in brackets). */
const addressPattern = /^[\w.\-[\]:]+:\d+$/;

/** The engine's address among the plugin's arguments: the first that is not a flag. */
export function engineAddressFrom(args: readonly string[]): string | undefined {
  const first = args.find((arg) => !arg.startsWith("-"));
  return first !== undefined && addressPattern.test(first) ? first : undefined;
}

export class EngineLog {
  private client: EngineClient | undefined;

  constructor(address?: string) {
    if (address) this.connect(address);
  }

  connect(address: string): void {
    this.client?.close();
    this.client = new EngineClient(address, grpc.credentials.createInsecure());
  }

  /** Sends a warning about the resource `urn` (empty: about the deployment); resolves once the engine has it. */
  warn(urn: string, message: string): Promise<void> {
    const client = this.client;
    if (!client) {
      process.stderr.write(`warning: ${message}\n`);
      return Promise.resolve();
    }
    const request = new LogRequest().setSeverity(LogSeverity.WARNING).setMessage(message).setUrn(urn);
    return new Promise((resolve) => {
      client.log(request, (error) => {
        if (error) process.stderr.write(`warning: ${message}\n`);
        resolve();
      });
    });
  }

  close(): void {
    this.client?.close();
    this.client = undefined;
  }
}

// Command pulumi-language-nodejs is this project's own Pulumi language host for
// Node.js programs.
//
// The Pulumi engine starts a language host as a plugin: it runs the executable
// with optional logging/tracing flags followed by the engine's gRPC address,
// reads one line from the plugin's stdout (the TCP port of the plugin's gRPC
// server) and then talks to it through the pulumirpc.LanguageRuntime service
// (internal/langhost does that part for both of this project's hosts).
// Everything the plugin writes to stdout/stderr afterwards is shown by the
// engine as program output.
//
// The host does the minimum a `pulumi preview/up/refresh/destroy/import`
// needs: it runs the program with the Node.js SDK's own launcher script
// (@pulumi/pulumi/cmd/run, resolved from the program directory), passing the
// stack's configuration, the monitor and engine addresses and the run options.
// See tools/pulumi-cli/README.md for why the project builds this itself.
package main

import (
	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	langhost.Main("pulumi-language-nodejs", func(cl langhost.CommandLine) pulumirpc.LanguageRuntimeServer {
		return newNodeHost(cl.EngineAddress, cl.Tracing)
	})
}

// Command pulumi-language-go is this project's own Pulumi language host for Go programs
// (`runtime: go` in Pulumi.yaml), for machines that build the Pulumi CLI from Go modules:
// Pulumi's own pulumi-language-go module is not served by the Go module proxy.
//
// The engine starts it as a plugin (see internal/langhost) and then asks it, through the
// pulumirpc.LanguageRuntime service, to:
//   - run the program: `go build` it in its folder, then run the binary with the stack's
//     configuration and the engine's addresses in the variables the Go SDK reads (run.go);
//   - say which resource plugins it needs, from the pulumi-plugin.json files of the Go
//     modules it requires (packages.go);
//   - generate code: an SDK from a package schema (`pulumi package gen-sdk --language go`),
//     and a program or project from PCL (`pulumi import`, `pulumi convert`), with Pulumi's
//     own Go code generator (codegen.go);
//   - describe itself and the program's dependencies, and `go mod tidy` (host.go).
//
// See tools/pulumi-cli/README.md.
package main

import (
	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	langhost.Main("pulumi-language-go", func(cl langhost.CommandLine) pulumirpc.LanguageRuntimeServer {
		return newGoHost(cl.EngineAddress)
	})
}

// Command pulumi-language-nodejs is this project's own Pulumi language host for
// Node.js programs.
//
// The Pulumi engine starts a language host as a plugin: it runs the executable
// with optional logging/tracing flags followed by the engine's gRPC address,
// reads one line from the plugin's stdout (the TCP port of the plugin's gRPC
// server) and then talks to it through the pulumirpc.LanguageRuntime service.
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
	"flag"
	"fmt"
	"io"
	"os"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// commandLine is what the engine passes when it launches a language plugin.
type commandLine struct {
	engineAddress string
	tracing       string
	logToStderr   bool
	verbose       int
}

func parseCommandLine(args []string, stderr io.Writer) (commandLine, error) {
	var cl commandLine
	flags := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&cl.tracing, "tracing", "", "Zipkin-compatible tracing endpoint, passed on to the program")
	flags.BoolVar(&cl.logToStderr, "logtostderr", false, "write this host's logs to stderr")
	flags.IntVar(&cl.verbose, "v", 0, "log verbosity")
	// The engine passes --logflow to some plugins; accept and ignore it.
	flags.Bool("logflow", false, "accepted for compatibility, ignored")
	if err := flags.Parse(args); err != nil {
		return cl, err
	}
	// The engine's address is the last positional argument; it may be absent
	// when the host is started by hand for debugging.
	if rest := flags.Args(); len(rest) > 0 {
		cl.engineAddress = rest[len(rest)-1]
	}
	return cl, nil
}

func main() {
	cl, err := parseCommandLine(os.Args[1:], os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: bad command line: %v\n", err)
		os.Exit(2)
	}
	logging.InitLogging(cl.logToStderr, cl.verbose, false)

	host := newNodeHost(cl.engineAddress, cl.tracing)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}

	// The engine reads exactly this line to learn where to connect.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: gRPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

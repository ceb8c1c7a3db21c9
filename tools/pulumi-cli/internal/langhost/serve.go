// Package langhost holds what this project's language hosts (cmd/pulumi-language-nodejs,
// cmd/pulumi-language-go) share: how the engine starts a language plugin, the variables a
// program is given, and how a program's exit becomes the engine's RunResponse. It needs
// nothing beyond sdk/v3 (code generation is internal/pclbind's).
package langhost

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

// CommandLine is what the engine passes when it launches a language plugin.
type CommandLine struct {
	EngineAddress string
	Tracing       string
	LogToStderr   bool
	Verbose       int
}

// ParseCommandLine reads the flags the engine may pass (`-tracing`, `-logtostderr`, `-v`,
// `-logflow`) and the engine's address, the last positional argument (absent when the host is
// started by hand for debugging).
func ParseCommandLine(name string, args []string, stderr io.Writer) (CommandLine, error) {
	var cl CommandLine
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&cl.Tracing, "tracing", "", "Zipkin-compatible tracing endpoint, passed on to the program")
	flags.BoolVar(&cl.LogToStderr, "logtostderr", false, "write this host's logs to stderr")
	flags.IntVar(&cl.Verbose, "v", 0, "log verbosity")
	// The engine passes --logflow to some plugins; accept and ignore it.
	flags.Bool("logflow", false, "accepted for compatibility, ignored")
	if err := flags.Parse(args); err != nil {
		return cl, err
	}
	if rest := flags.Args(); len(rest) > 0 {
		cl.EngineAddress = rest[len(rest)-1]
	}
	return cl, nil
}

// Main runs a language host named `name`: it parses the command line, serves the
// LanguageRuntime service that newHost builds on a free port, prints that port on stdout (the
// one line the engine reads to learn where to connect) and serves until the engine stops it.
// It does not return.
func Main(name string, newHost func(CommandLine) pulumirpc.LanguageRuntimeServer) {
	cl, err := ParseCommandLine(name, os.Args[1:], os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: bad command line: %v\n", name, err)
		os.Exit(2)
	}
	logging.InitLogging(cl.LogToStderr, cl.Verbose, false)

	host := newHost(cl)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not start the gRPC server: %v\n", name, err)
		os.Exit(1)
	}

	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: gRPC server stopped: %v\n", name, err)
		os.Exit(1)
	}
	os.Exit(0)
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/langhost"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runtimeOptions are the `runtime.options` of a go project's Pulumi.yaml that this host
// understands.
type runtimeOptions struct {
	// binary: run this already built program (a path, or a name on PATH) instead of
	// compiling the program folder.
	binary string
}

func parseRuntimeOptions(raw map[string]any) (runtimeOptions, error) {
	var opts runtimeOptions
	if value, ok := raw["binary"]; ok {
		s, ok := value.(string)
		if !ok || s == "" {
			return opts, fmt.Errorf("Pulumi.yaml runtime option \"binary\" is %v (%T); it must be the path of a built program", value, value)
		}
		opts.binary = s
	}
	// Options of Pulumi's own host that this one does not need (buildTarget) are ignored.
	return opts, nil
}

// Run builds the Go program in its folder and runs it once, for a preview or an update.
func (h *goHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	dir := programDir(info, req.GetPwd())
	opts, err := parseRuntimeOptions(info.GetOptions().AsMap())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := h.programEnv(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	program := opts.binary
	if program != "" {
		if program, err = exec.LookPath(program); err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf(
				"could not find the program %q that Pulumi.yaml's runtime option \"binary\" names: %v", opts.binary, err)}, nil
		}
	} else {
		built, cleanup, err := h.build(ctx, dir)
		if err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
		defer cleanup()
		program = built
	}

	h.logf("running %s in %s", program, dir)
	cmd := exec.CommandContext(ctx, program, req.GetArgs()...)
	cmd.Dir = dir
	cmd.Env = env
	// Pipes of the program's own, copied through goroutines: the engine reads the program's
	// output from ours.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	return langhost.RunResult("the Go program", cmd.Run()), nil
}

// build compiles the main package in dir into a temporary folder (Go's build cache makes a
// rebuild of an unchanged program a link step) and returns the binary and how to remove it.
func (h *goHost) build(ctx context.Context, dir string) (string, func(), error) {
	goBin, err := findGo()
	if err != nil {
		return "", nil, err
	}
	outDir, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return "", nil, fmt.Errorf("could not make a temporary folder to build the Go program in: %w", err)
	}
	cleanup := func() { _ = os.RemoveAll(outDir) }
	binary := filepath.Join(outDir, "program")
	h.logf("building %s with %s build -o %s", dir, goBin, binary)
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", binary, ".")
	cmd.Dir = dir
	// The compiler's messages go where the engine shows the program's output.
	cmd.Stdout = struct{ io.Writer }{os.Stderr}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("could not compile the Go program in %s: `go build` failed (%v); the compiler's output above says why", dir, err)
	}
	return binary, cleanup, nil
}

// programEnv is our environment plus what the Go SDK's pulumi.Run reads (sdk/v3/go/pulumi,
// run.go): the stack and its configuration, the engine's and the resource monitor's
// addresses, and the run's options.
func (h *goHost) programEnv(req *pulumirpc.RunRequest) ([]string, error) {
	config, err := langhost.ConfigVariables(req)
	if err != nil {
		return nil, err
	}
	// Later entries win over inherited ones with the same name.
	env := append(os.Environ(), config...)
	add := func(name, value string) {
		if value != "" {
			env = append(env, name+"="+value)
		}
	}
	add("PULUMI_ORGANIZATION", req.GetOrganization())
	add("PULUMI_PROJECT", req.GetProject())
	add("PULUMI_STACK", req.GetStack())
	add("PULUMI_ROOT_DIRECTORY", req.GetInfo().GetRootDirectory())
	add("PULUMI_MONITOR", req.GetMonitorAddress())
	add("PULUMI_ENGINE", h.Address())
	add("PULUMI_DRY_RUN", strconv.FormatBool(req.GetDryRun()))
	add("PULUMI_PARALLEL", strconv.Itoa(int(req.GetParallel())))
	return env, nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/langhost"
)

// goHost implements pulumirpc.LanguageRuntimeServer for Go programs. What a deployment of a
// Go program does not need (running plugins written in Go, packing SDKs, attaching a
// debugger) answers Unimplemented through the embedded type.
type goHost struct {
	*langhost.Base
}

func newGoHost(engineAddress string) *goHost {
	return &goHost{Base: langhost.NewBase(engineAddress)}
}

// RuntimeOptionsPrompts asks nothing: a Go project needs no choice at `pulumi new`.
func (h *goHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// About names the Go toolchain, for `pulumi about`.
func (h *goHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	goBin, err := findGo()
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, goBin, "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s env GOVERSION failed: %v", goBin, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: goBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "go"),
	}, nil
}

// GetProgramDependencies lists the modules the program's go.mod requires (with
// transitiveDependencies, the indirect ones too), for `pulumi about`.
func (h *goHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	goBin, err := findGo()
	if err != nil {
		return nil, err
	}
	out, err := goCommand(ctx, goBin, programDir(req.GetInfo(), req.GetPwd()), "mod", "edit", "-json")
	if err != nil {
		return nil, fmt.Errorf("could not read the program's go.mod: %w", err)
	}
	var mod struct {
		Require []struct {
			Path     string
			Version  string
			Indirect bool
		}
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		return nil, fmt.Errorf("could not read `go mod edit -json`'s answer: %w", err)
	}
	deps := []*pulumirpc.DependencyInfo{}
	for _, r := range mod.Require {
		if !r.Indirect || req.GetTransitiveDependencies() {
			deps = append(deps, &pulumirpc.DependencyInfo{Name: r.Path, Version: r.Version})
		}
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// InstallDependencies runs `go mod tidy` in the program's folder, for `pulumi install` and
// `pulumi new`.
func (h *goHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	goBin, err := findGo()
	if err != nil {
		return err
	}
	dir := programDir(req.GetInfo(), req.GetDirectory())
	fmt.Fprintf(stdout, "Installing dependencies with go mod tidy in %s...\n", dir)
	cmd := exec.CommandContext(server.Context(), goBin, "mod", "tidy")
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`go mod tidy` in %s failed: %w (its output above says why)", dir, err)
	}
	fmt.Fprintln(stdout, "Finished installing dependencies")
	return closer.Close()
}

// programDir is the program's folder from a request's ProgramInfo, else fallback.
func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	return fallback
}

func findGo() (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", status.Errorf(codes.FailedPrecondition,
			"could not find `go` on PATH (%v); a Go Pulumi program is compiled with it: install Go or put it on PATH and retry", err)
	}
	return goBin, nil
}

// goCommand runs go with args in dir and returns its standard output; its standard error
// becomes part of the error.
func goCommand(ctx context.Context, goBin, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("`go %s` in %s failed: %v: %s", strings.Join(args, " "), dir, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

func (h *goHost) logf(format string, args ...any) {
	logging.V(5).Infof("pulumi-language-go: "+format, args...)
}

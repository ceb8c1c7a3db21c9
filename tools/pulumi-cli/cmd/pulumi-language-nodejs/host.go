package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/langhost"
)

// nodeHost implements pulumirpc.LanguageRuntimeServer for Node.js programs.
// Methods the CLI does not need for deploying a Node.js program (packing,
// running plugins written in Node.js) answer Unimplemented through the
// embedded type.
type nodeHost struct {
	tracing string

	*langhost.Base
}

func newNodeHost(engineAddress, tracing string) *nodeHost {
	return &nodeHost{Base: langhost.NewBase(engineAddress), tracing: tracing}
}

// GetRequiredPlugins reports no plugins. The only plugin this project's
// programs need is the Node.js dynamic provider host, which the engine finds
// on PATH (pulumi-resource-pulumi-nodejs) when a dynamic resource is
// registered. Plugins of other packages are loaded on demand in the same way.
func (h *nodeHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// GetRequiredPackages reports no packages, for the reason given above.
func (h *nodeHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// RuntimeOptionsPrompts asks nothing: the defaults (TypeScript through
// ts-node, npm) are what this project uses.
func (h *nodeHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// About describes the Node.js runtime, for `pulumi about`.
func (h *nodeHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, errNodeNotFound(err)
	}
	out, err := exec.Command(nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version failed: %v", nodeBin, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

func (h *nodeHost) logf(format string, args ...any) {
	logging.V(5).Infof("pulumi-language-nodejs: "+format, args...)
}

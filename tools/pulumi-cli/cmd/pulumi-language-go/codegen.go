package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/scalekit-connectors-as-code/tools/pulumi-cli/internal/pclbind"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// GeneratePackage writes a Go SDK for a package schema into req.Directory, with Pulumi's own
// Go generator: `pulumi package gen-sdk <schema> --language go`.
func (h *goHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	if len(req.GetExtraFiles()) > 0 {
		return nil, fmt.Errorf("overlay files are not supported for Go SDKs")
	}
	loader, closeLoader, err := pclbind.OpenLoader(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer closeLoader()
	pkg, diags, err := pclbind.BindPackageSchema(req.GetSchema(), loader)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	files, err := gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	if err != nil {
		return nil, fmt.Errorf("could not generate the Go SDK of %s: %w", pkg.Name, err)
	}
	if err := pclbind.WriteFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

// GenerateProgram turns a PCL program into Go source, for the code `pulumi import` prints
// for the resources it imported.
func (h *goHost) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	bound, err := pclbind.BindProgramSource(req.GetSource(), req.GetLoaderTarget(), req.GetStrict())
	if err != nil || bound.Program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: bound.RPCDiagnostics()}, err
	}
	files, diags, err := gogen.GenerateProgram(bound.Program)
	if err != nil {
		return nil, fmt.Errorf("could not generate Go from the program: %w", err)
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: append(bound.RPCDiagnostics(), plugin.HclDiagnosticsToRPCDiagnostics(diags)...),
	}, nil
}

// GenerateProject writes a whole Go project (main.go, go.mod, Pulumi.yaml) for a PCL program,
// for `pulumi convert --language go`.
func (h *goHost) GenerateProject(
	_ context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	bound, err := pclbind.BindProgramDirectory(req.GetSourceDirectory(), req.GetLoaderTarget(), req.GetStrict())
	if err != nil || bound.Program == nil {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: bound.RPCDiagnostics()}, err
	}
	var project workspace.Project
	if err := json.Unmarshal([]byte(req.GetProject()), &project); err != nil {
		return nil, fmt.Errorf("could not read the project the engine sent: %w", err)
	}
	if err := gogen.GenerateProject(req.GetTargetDirectory(), project, bound.Program, req.GetLocalDependencies()); err != nil {
		return nil, fmt.Errorf("could not generate the Go project: %w", err)
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: bound.RPCDiagnostics()}, nil
}

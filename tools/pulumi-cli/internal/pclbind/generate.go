package pclbind

import (
	"encoding/json"
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Generators are one language's code generators (Pulumi's own, from pkg/v3/codegen/<language>);
// their methods serve a language host's GenerateProgram, GenerateProject and GeneratePackage the
// same way for every language: bind what the engine sent, generate, write or return the files.
type Generators struct {
	// Language names the language in messages, e.g. "Go" or "TypeScript".
	Language string
	Program  func(program *pcl.Program) (map[string][]byte, hcl.Diagnostics, error)
	Project  func(dir string, project workspace.Project, program *pcl.Program, localDependencies map[string]string) error
	Package  func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error)
}

// GenerateProgram turns a PCL program into source, for the code `pulumi import` prints for the
// resources it imported.
func (g Generators) GenerateProgram(req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	bound, err := BindProgramSource(req.GetSource(), req.GetLoaderTarget(), req.GetStrict())
	if err != nil || bound.Program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: bound.RPCDiagnostics()}, err
	}
	files, diags, err := g.Program(bound.Program)
	if err != nil {
		return nil, fmt.Errorf("could not generate %s from the program: %w", g.Language, err)
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: append(bound.RPCDiagnostics(), plugin.HclDiagnosticsToRPCDiagnostics(diags)...),
	}, nil
}

// GenerateProject writes a whole project for a PCL program, for `pulumi convert`.
func (g Generators) GenerateProject(req *pulumirpc.GenerateProjectRequest) (*pulumirpc.GenerateProjectResponse, error) {
	bound, err := BindProgramDirectory(req.GetSourceDirectory(), req.GetLoaderTarget(), req.GetStrict())
	if err != nil || bound.Program == nil {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: bound.RPCDiagnostics()}, err
	}
	var project workspace.Project
	if err := json.Unmarshal([]byte(req.GetProject()), &project); err != nil {
		return nil, fmt.Errorf("could not read the project the engine sent: %w", err)
	}
	if err := g.Project(req.GetTargetDirectory(), project, bound.Program, req.GetLocalDependencies()); err != nil {
		return nil, fmt.Errorf("could not generate the %s project: %w", g.Language, err)
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: bound.RPCDiagnostics()}, nil
}

// GeneratePackage writes an SDK for a package schema into req.Directory, for `pulumi package
// gen-sdk <schema> --language <language>`.
func (g Generators) GeneratePackage(req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	loader, closeLoader, err := OpenLoader(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer closeLoader()
	pkg, diags, err := BindPackageSchema(req.GetSchema(), loader)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	files, err := g.Package(pkg, req, loader)
	if err != nil {
		return nil, fmt.Errorf("could not generate the %s SDK of %s: %w", g.Language, pkg.Name, err)
	}
	if err := WriteFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

// Package pclbind binds what the engine hands a language host for code generation: the PCL
// programs of `pulumi import` and `pulumi convert`, and package schemas for `pulumi package
// gen-sdk`, loading the schemas they refer to through the engine's loader service; and writes
// what a generator produced. Kept apart
// from internal/langhost so that a host without code generation does not link Pulumi's codegen.
package pclbind

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"

	hclsyntax "github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	codegenrpc "github.com/pulumi/pulumi/sdk/v3/proto/go/codegen"
)

// BoundProgram is a PCL program bound against the packages' schemas, ready for a code
// generator, with what binding said about it. Program is nil when Diagnostics hold errors.
type BoundProgram struct {
	Program     *pcl.Program
	Diagnostics hcl.Diagnostics
}

// RPCDiagnostics are the diagnostics as the engine takes them.
func (b BoundProgram) RPCDiagnostics() []*codegenrpc.Diagnostic {
	return plugin.HclDiagnosticsToRPCDiagnostics(b.Diagnostics)
}

// bindOptions are those Pulumi's own language hosts bind with: output-versioned invokes, and
// the lenient rules unless the engine asks for strict binding.
func bindOptions(strict bool) []pcl.BindOption {
	options := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !strict {
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	return options
}

// BindProgramSource binds the PCL files of a GenerateProgramRequest (file name to text), loading
// schemas through the engine's loader service at loaderTarget (which starts the packages'
// plugins for their schemas). `pulumi import` sends the imported resources this way.
func BindProgramSource(source map[string]string, loaderTarget string, strict bool) (BoundProgram, error) {
	loader, err := schema.NewLoaderClient(loaderTarget)
	if err != nil {
		return BoundProgram{}, fmt.Errorf("could not reach the engine's schema loader: %w", err)
	}
	defer loader.Close()

	parser := hclsyntax.NewParser()
	for name, text := range source {
		if err := parser.ParseFile(strings.NewReader(text), name); err != nil {
			return BoundProgram{}, fmt.Errorf("could not parse the program %s: %w", name, err)
		}
	}
	if parser.Diagnostics.HasErrors() {
		return BoundProgram{Diagnostics: parser.Diagnostics}, nil
	}
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), bindOptions(strict)...)
	return bound(program, append(parser.Diagnostics, diags...), err)
}

// BindProgramDirectory binds the PCL program in dir (a GenerateProjectRequest's source
// directory), loading schemas through the engine's loader at loaderTarget.
func BindProgramDirectory(dir, loaderTarget string, strict bool) (BoundProgram, error) {
	loader, err := schema.NewLoaderClient(loaderTarget)
	if err != nil {
		return BoundProgram{}, fmt.Errorf("could not reach the engine's schema loader: %w", err)
	}
	defer loader.Close()

	program, diags, err := pcl.BindDirectory(dir, schema.NewCachedLoader(loader), bindOptions(strict)...)
	return bound(program, diags, err)
}

func bound(program *pcl.Program, diags hcl.Diagnostics, err error) (BoundProgram, error) {
	if diags.HasErrors() {
		return BoundProgram{Diagnostics: diags}, nil
	}
	if err != nil {
		return BoundProgram{}, fmt.Errorf("could not bind the program: %w", err)
	}
	if program == nil {
		return BoundProgram{}, errors.New("binding the program gave neither a program nor an error")
	}
	return BoundProgram{Program: program, Diagnostics: diags}, nil
}

// OpenLoader connects to the engine's schema loader service at loaderTarget; close it when done.
func OpenLoader(loaderTarget string) (schema.ReferenceLoader, func(), error) {
	client, err := schema.NewLoaderClient(loaderTarget)
	if err != nil {
		return nil, nil, fmt.Errorf("could not reach the engine's schema loader: %w", err)
	}
	return schema.NewCachedLoader(client), func() { _ = client.Close() }, nil
}

// BindPackageSchema binds a package schema (JSON) sent with a GeneratePackageRequest, loading the
// schemas it refers to with loader (OpenLoader).
func BindPackageSchema(schemaJSON string, loader schema.ReferenceLoader) (*schema.Package, hcl.Diagnostics, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(schemaJSON), &spec); err != nil {
		return nil, nil, fmt.Errorf("the package schema is not valid JSON: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return nil, diags, fmt.Errorf("could not bind the package schema: %w", err)
	}
	return pkg, diags, nil
}

// WriteFiles writes generated files (path relative to dir, to content) under dir.
func WriteFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		target := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fmt.Errorf("could not make the folder for %s: %w", target, err)
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return fmt.Errorf("could not write %s: %w", target, err)
		}
	}
	return nil
}

package langhost

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ExitAlreadyReported is the exit code every Pulumi SDK uses when the program failed and the
// SDK has already shown the error to the user: the engine should then stop without printing
// anything more ("bail").
const ExitAlreadyReported = 32

// ConfigVariables returns the stack configuration as the SDKs read it: PULUMI_CONFIG (a JSON
// object of `namespace:key` to value) and PULUMI_CONFIG_SECRET_KEYS (a JSON array of the keys
// whose values are secret), as `NAME=value` entries.
func ConfigVariables(req *pulumirpc.RunRequest) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("could not serialize the stack configuration for the program: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("could not serialize the list of secret configuration keys: %w", err)
	}
	return []string{
		"PULUMI_CONFIG=" + string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON),
	}, nil
}

// RunResult turns the exit of a program (described as `what`, e.g. "the Go program") into the
// engine's RunResponse: success, a bail when the SDK already reported the error, or an error
// that says how it ended.
func RunResult(what string, err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start %s: %v", what, err)}
	}
	if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("%s was killed by signal %v", what, ws.Signal())}
	}
	if exitErr.ExitCode() == ExitAlreadyReported {
		return &pulumirpc.RunResponse{Bail: true}
	}
	return &pulumirpc.RunResponse{
		Error: fmt.Sprintf("%s exited with code %d (its output above says why)", what, exitErr.ExitCode()),
	}
}

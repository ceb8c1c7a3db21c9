// A Pulumi program in Go that declares Scalekit custom connectors through the scalekit resource
// plugin, with the Go SDK `pulumi package gen-sdk` generates from the plugin's schema (into
// ./sdk, see README.md). The connector's description comes from the stack's config, so that a
// `pulumi config set` is an update.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/scalekit-connectors-as-code/sdk/go/scalekit"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		description := cfg.Get("pagerRelayDescription")
		if description == "" {
			description = "Acknowledge and escalate alerts through the Pager Relay MCP server"
		}

		pagerRelay, err := scalekit.NewCustomConnector(ctx, "pager-relay", &scalekit.CustomConnectorArgs{
			DisplayName: pulumi.String("Pager Relay MCP"),
			Description: pulumi.String(description),
			AuthPatterns: scalekit.AuthPatternArray{
				scalekit.AuthPatternArgs{
					Type:        pulumi.String("BEARER"),
					DisplayName: pulumi.String("API Token"),
					IsMcp:       pulumi.Bool(true),
					Fields: scalekit.AuthFieldArray{
						scalekit.AuthFieldArgs{
							FieldName: pulumi.String("token"),
							Label:     pulumi.String("API Token"),
							InputType: pulumi.String("password"),
							Required:  pulumi.Bool(true),
						},
					},
				},
			},
			ProxyUrl:     pulumi.String("https://mcp.pagerrelay.com/mcp"),
			ProxyEnabled: pulumi.Bool(true),
		})
		if err != nil {
			return err
		}

		forecastly, err := scalekit.NewCustomConnector(ctx, "forecastly", &scalekit.CustomConnectorArgs{
			DisplayName: pulumi.String("Forecastly"),
			Description: pulumi.String("Current conditions and 14 day forecasts for any location"),
			AuthPatterns: scalekit.AuthPatternArray{
				scalekit.AuthPatternArgs{
					Type:                  pulumi.String("API_KEY"),
					DisplayName:           pulumi.String("API key"),
					Description:           pulumi.String("The key from the Forecastly developer console"),
					AuthHeaderKeyOverride: pulumi.String("X-Api-Key"),
					Fields: scalekit.AuthFieldArray{
						scalekit.AuthFieldArgs{
							FieldName: pulumi.String("api_key"),
							Label:     pulumi.String("API key"),
							InputType: pulumi.String("password"),
							Hint:      pulumi.String("32 characters"),
							Required:  pulumi.Bool(true),
						},
					},
				},
			},
			ProxyUrl:     pulumi.String("https://api.forecastly.io/v2"),
			ProxyEnabled: pulumi.Bool(true),
		})
		if err != nil {
			return err
		}

		// Connectors taken over with `pulumi import` go here: paste the declaration it prints
		// (the statements inside its pulumi.Run) in a block of their own.

		ctx.Export("pagerRelayIdentifier", pagerRelay.Identifier)
		ctx.Export("forecastlyIdentifier", forecastly.Identifier)
		return nil
	})
}

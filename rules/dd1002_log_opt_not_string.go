package rules

import "github.com/dlint/dlint/parser"

var ddLogOptNotString = &Rule{
	ID: "DD1002", Name: "log-opt-not-string", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "A log-opts value is not a JSON string, so dockerd refuses to start",
	Doc: "dockerd hands log options to the driver as strings, and decodes `log-opts` as an object of strings. " +
		"`\"max-file\": 5` or `\"compress\": true` make it fail at start with \"cannot unmarshal number into Go struct " +
		"field … log-opts of type string\", which takes every container on the host down. Quote the value: " +
		"`\"max-file\": \"5\"`.\n\nFix (safe): a number or boolean value is put in quotes, which is how dockerd " +
		"reads it.",
	Bad:   `{"log-opts": {"max-size": "10m", "max-file": 5}}`,
	Good:  `{"log-opts": {"max-size": "10m", "max-file": "5"}}`,
	Check: func(p *Pass) { ddReport(p, ddLogOptType) },
}

package rules

import "github.com/dlint/dlint/parser"

var ddWrongTypeRule = &Rule{
	ID: "DD1006", Name: "wrong-value-type", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "A value has the wrong JSON type, so dockerd refuses to start",
	Doc: "dockerd decodes daemon.json into typed settings and refuses to start on a type mismatch " +
		"(\"cannot unmarshal string into Go struct field … of type bool\"). Common slips: quoted booleans and " +
		"numbers (`\"icc\": \"false\"`, `\"max-concurrent-downloads\": \"3\"`), feature flags as strings, " +
		"`default-shm-size` as a number (it must be a size string such as `\"64M\"`), `default-ulimits` entries " +
		"written as `\"64000:64000\"` instead of `{\"Name\": \"nofile\", \"Soft\": 64000, \"Hard\": 64000}`, and a " +
		"single string where a list is expected. The types come from dockerd's own settings table.\n\n" +
		"Fix (safe): the quotes are removed from a quoted boolean or integer (`\"false\"` → `false`), when the " +
		"integer is one the key takes (not `\"-1\"` for a count, nor one beyond 64 bits).",
	Bad:   `{"icc": "false", "default-shm-size": 67108864}`,
	Good:  `{"icc": false, "default-shm-size": "64M"}`,
	Check: func(p *Pass) { ddReport(p, ddWrongType) },
}

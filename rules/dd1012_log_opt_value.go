package rules

import (
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/daemonjson"
)

var ddLogOptValue = &Rule{
	ID: "DD1012", Name: "invalid-log-opt-value", Kind: parser.DaemonJSON, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "A log-opts value makes every new container fail to start",
	Doc: "The log driver reads its options when a container is created, so neither `dockerd --validate` nor the " +
		"daemon's start notices a bad value; every `docker run` then fails. json-file: `max-file` must be an " +
		"integer of at least 1, `max-size` a positive size such as \"10m\", and `compress` needs `max-size` and a " +
		"`max-file` of at least 2 (\"compress cannot be true when max-file is less than 2 or max-size is not " +
		"set\"). local: sizes and counts must not be negative. Options documented as booleans or integers must " +
		"hold one (as a string).",
	Bad:  `{"log-opts": {"max-file": "0", "compress": "true"}}`,
	Good: `{"log-opts": {"max-size": "10m", "max-file": "3", "compress": "true"}}`,
	Check: func(p *Pass) {
		f, opts, d, ok := ddLogOpts(p)
		if !ok {
			return
		}
		children := f.Children(opts)
		get := func(n string) *daemonjson.Key {
			k := daemonjson.Effective(children, n)
			if k == nil || k.Value.Type != gjson.String {
				return nil
			}
			return k
		}
		for _, c := range children {
			spec := d.Opt(c.Name)
			if spec == nil || c.Value.Type != gjson.String || c.Name == "cache-disabled" || c.Name == "max-buffer-size" {
				continue
			}
			if err := daemonjson.CheckFormat(spec.Format, c.Value.Str); err != nil {
				p.Reportf(c.ValueRange, "log opt %s: %v", c.Name, err)
			}
		}
		if d.Name != "json-file" && d.Name != "local" {
			return
		}
		size, file, compress := get("max-size"), get("max-file"), get("compress")
		files := 1
		if d.Name == "local" {
			files = 5
		}
		if size != nil {
			if n, ok := daemonjson.ParseSize(size.Value.Str); ok && n <= 0 && d.Name == "json-file" {
				p.Reportf(size.ValueRange, "max-size must be a positive number, not %q", size.Value.Str)
			}
		}
		if file != nil {
			if n, err := strconv.Atoi(strings.TrimSpace(file.Value.Str)); err == nil {
				files = n
				if d.Name == "json-file" && n < 1 {
					p.Reportf(file.ValueRange, "max-file cannot be less than 1 (it is %d)", n)
				}
				if d.Name == "local" && n < 0 {
					p.Reportf(file.ValueRange, "max-file must not be negative (it is %d)", n)
				}
			}
		}
		if d.Name == "json-file" && compress != nil {
			if on, err := strconv.ParseBool(compress.Value.Str); err == nil && on && (size == nil || files < 2) {
				p.Report(compress.ValueRange, "compress cannot be true when max-file is less than 2 or max-size is not set")
			}
		}
	},
}

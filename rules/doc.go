// Package rules holds every dlint rule and the engine that runs them. Each
// rule is one value, declared in its own file, from which its docs, its
// listing in `dlint rules` and its SARIF metadata are all rendered.
//
// Adding a rule:
//
//  1. Write rules/<id>_<short_name>.go declaring one unexported *Rule with
//     every field (ID, Name, Aliases, Kind, Severity, Tags, Summary, Doc, Bad,
//     Good, Check; SecuritySeverity for security rules).
//  2. Add fixtures in testdata/fixtures/<ID>/: files where the rule fires,
//     marked with `# want "regexp"` on the line above (`// want` in
//     *.daemon.jsonc), and at least one clean file where it must stay silent.
//     Build-context rules use one sub-directory per case.
//  3. Add the variable to its family's list in registry_*.go, sorted by ID.
//  4. Run `go test ./report -update` to regenerate docs/rules.md.
//
// Nothing else is edited by hand: a missing fixture, an unregistered
// variable, a stale reference or a malformed summary fails a test or the
// linter.
package rules

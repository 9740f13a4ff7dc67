package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/rules"
)

// SARIF output constants.
const (
	// SARIFSchema is the $schema dlint writes: the final 2.1.0 schema that
	// GitHub code scanning and the SARIF Multitool accept.
	SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	// SARIFRootBase is the uriBaseId of every relative artifact URI.
	SARIFRootBase = "%SRCROOT%"
	// SARIFFingerprint is the partialFingerprints key of dlint's
	// line-independent fingerprint (see fingerprints).
	SARIFFingerprint = "dlint/v1"

	maxDescription = 1024 // GitHub's limit for short and full descriptions
	maxRuleName    = 255
)

// sarifLog, sarifRun and sarifResult wrap go-sarif's types only to give
// suppressions the shape the schema accepts (go-sarif writes null for the
// optional status, guid and location, which the schema rejects).
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	*sarif.Run
	Results []sarifResult `json:"results"`
}

type sarifResult struct {
	*sarif.Result
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

// SARIF writes a SARIF 2.1.0 log with one run that GitHub code scanning
// ingests: every rule in tool.driver.rules with its documentation, and one
// result per finding (suppressed findings included, with their suppression),
// located by a relative URI under %SRCROOT%. The output has no timestamps
// and is byte-stable for the same input.
func SARIF(w io.Writer, in Input) error {
	return writeAll(newSARIFStream(w, in), in)
}

// sarifStream encodes each result as its file's findings come and keeps
// only the bytes (a fraction of go-sarif's objects); Close writes the log
// around them, once the unreadable files (the run's invocation) are known.
// Results are the last member of the run, the run the last of the log.
type sarifStream struct {
	in      Input
	w       io.Writer
	driver  *sarif.ToolComponent
	index   map[string]int // rule ID → its place in driver.Rules
	results spillBuffer    // the encoded results, comma-separated
	n       int
	item    bytes.Buffer
	enc     *json.Encoder // one result into item, compact
	// indented is the result in item, indented as in the log.
	indented []byte
	// A file's results share its location, encoded once.
	locPath string
	loc     *sarif.ArtifactLocation
}

// sarifResultsIndent is a result's indentation in the log: log, runs, run
// and results each open a level.
const sarifResultsIndent = "        "

func newSARIFStream(w io.Writer, in Input) Stream {
	s := &sarifStream{in: in, w: w, index: map[string]int{}}
	s.driver = sarif.NewDriver(nonEmpty(in.Tool, "dlint"))
	if in.Version != "" {
		s.driver.WithVersion(in.Version)
	}
	if in.InformationURI != "" {
		s.driver.WithInformationURI(in.InformationURI)
	}
	for _, r := range in.Rules {
		if r != nil {
			s.addRule(r)
		}
	}
	s.enc = json.NewEncoder(&s.item)
	s.enc.SetEscapeHTML(false)
	return s
}

func (s *sarifStream) addRule(r *rules.Rule) {
	if _, ok := s.index[r.ID]; ok {
		return
	}
	s.index[r.ID] = len(s.driver.Rules)
	s.driver.Rules = append(s.driver.Rules, sarifRule(r))
}

func (s *sarifStream) Write(findings []rules.Finding) error {
	in := &s.in
	for i := range findings {
		s.addRule(ruleOf(&findings[i])) // a finding's rule is always described
	}
	fps := fingerprintsOf(findings, in)
	for i := range findings {
		f := &findings[i]
		r := ruleOf(f)
		if s.loc == nil || f.Path != s.locPath {
			s.locPath, s.loc = f.Path, artifactLocation(in, f.Path)
		}
		res := sarif.NewRuleResult(r.ID).
			WithRuleIndex(s.index[r.ID]).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(nonEmpty(valid(f.Message), r.Summary))).
			WithLocations([]*sarif.Location{sarif.NewLocation().WithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(s.loc).WithRegion(sarifRegion(spanOf(f.Range))))}).
			WithPartialFingerPrints(map[string]interface{}{SARIFFingerprint: fps[i]})
		for _, fix := range f.Fixes {
			change := sarif.NewArtifactChange(s.loc)
			for _, e := range fix.Edits {
				change.WithReplacement(sarif.NewReplacement(sarifRegion(spanOf(e.Range))).
					WithInsertedContent(sarif.NewArtifactContent().WithText(valid(e.NewText))))
			}
			if len(change.Replacements) == 0 {
				continue
			}
			sf := sarif.NewFix().WithArtifactChanges([]*sarif.ArtifactChange{change})
			if fix.Message != "" {
				sf.WithDescriptionText(valid(fix.Message))
			}
			res.AddFix(sf)
		}
		sr := sarifResult{Result: res}
		if sup := f.Suppression; sup != nil {
			kind := sup.Kind
			if kind != "inSource" && kind != "external" {
				kind = "external"
			}
			sr.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: valid(sup.Justification)}}
		}
		s.item.Reset()
		if err := s.enc.Encode(sr); err != nil {
			return err
		}
		if s.n > 0 {
			s.results.mem.WriteByte(',')
		}
		s.n++
		s.results.mem.WriteString("\n" + sarifResultsIndent)
		s.indented = AppendIndentedJSON(s.indented[:0], s.item.Bytes(), sarifResultsIndent, "  ")
		s.results.mem.Write(s.indented)
		// Checked after each result: one file can have hundreds of
		// thousands (a daemon.json's list of hosts).
		if err := s.results.spillIfLarge(); err != nil {
			return err
		}
	}
	return nil
}

func (s *sarifStream) Close(errors []string) error {
	in := &s.in
	run := sarif.NewRun(*sarif.NewTool(s.driver))
	run.WithColumnKind("unicodeCodePoints")
	root := sarif.NewArtifactLocation()
	if u := rootURI(in.SourceRoot); u != "" {
		root.WithUri(u)
	} else {
		root.WithDescriptionText("The directory the paths were given relative to: the repository root.")
	}
	run.WithOriginalUriBaseIds(map[string]*sarif.ArtifactLocation{SARIFRootBase: root})
	if in.SARIFCategory != "" {
		id := in.SARIFCategory
		if !strings.HasSuffix(id, "/") {
			id += "/" // everything before the last slash is the category
		}
		run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(id))
	}
	if len(errors) > 0 || in.SourceRoot != "" {
		// workingDirectory lets GitHub make any absolute URI relative.
		inv := run.AddInvocation(true)
		if u := rootURI(in.SourceRoot); u != "" {
			inv.WorkingDirectory = sarif.NewSimpleArtifactLocation(u)
		}
		for _, e := range errors {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
				&sarif.Notification{Level: "error", Message: sarif.NewTextMessage(valid(e))})
		}
	}

	// The log with no result, then the results put in its empty array:
	// the results are the run's last member, so its last "results": [].
	log := sarifLog{Schema: SARIFSchema, Version: string(sarif.Version210), Runs: []sarifRun{{Run: run, Results: []sarifResult{}}}}
	var doc bytes.Buffer
	enc := json.NewEncoder(&doc)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	const empty = `"results": []`
	out := escapeInvisible(doc.Bytes()) // paths and messages of unreadable files
	at := bytes.LastIndex(out, []byte(empty))
	if at < 0 {
		return fmt.Errorf("sarif: no results array in the log")
	}
	if _, err := s.w.Write(out[:at+len(empty)-1]); err != nil {
		return err
	}
	defer s.results.close()
	if err := s.results.writeTo(s.w); err != nil {
		return err
	}
	if s.n > 0 {
		if _, err := io.WriteString(s.w, "\n      "); err != nil {
			return err
		}
	}
	_, err := s.w.Write(out[at+len(empty)-1:])
	return err
}

func sarifRule(r *rules.Rule) *sarif.ReportingDescriptor {
	summary := nonEmpty(valid(r.Summary), r.ID)
	doc := nonEmpty(valid(r.Documentation()), summary)
	d := sarif.NewRule(r.ID).
		WithShortDescription(sarif.NewMultiformatMessageString(truncate(summary, maxDescription))).
		WithFullDescription(sarif.NewMultiformatMessageString(truncate(doc, maxDescription))).
		WithHelp(sarif.NewMultiformatMessageString(helpText(r)).WithMarkdown(helpMarkdown(r))).
		WithHelpURI(r.URL()).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity)))
	if r.Name != "" {
		d.WithName(truncate(valid(r.Name), maxRuleName))
	}
	props := sarif.Properties{"tags": sarifTags(r)}
	if r.Severity == rules.Error {
		props["precision"] = "very-high"
	} else {
		props["precision"] = "high"
	}
	if sev, ok := securitySeverity(r); ok {
		props["security-severity"] = sev
	} else {
		props["problem.severity"] = problemSeverity(r.Severity)
	}
	d.WithProperties(props)
	return d
}

// sarifTags are the rule's tags, "security" for every rule with a security
// severity, and the kind of file it checks; GitHub keeps the first 10.
func sarifTags(r *rules.Rule) []string {
	var tags []string
	add := func(t string) {
		for _, have := range tags {
			if have == t {
				return
			}
		}
		tags = append(tags, t)
	}
	if _, ok := securitySeverity(r); ok {
		add(rules.TagSecurity)
	}
	for _, t := range r.Tags {
		add(valid(t))
	}
	if r.Kind != parser.Unknown {
		add(r.Kind.String())
	}
	if len(tags) > 10 {
		tags = tags[:10]
	}
	if tags == nil {
		tags = []string{}
	}
	return tags
}

// securitySeverity is GitHub's properties["security-severity"]: a number
// in (0, 10] written as a string, for security rules only.
func securitySeverity(r *rules.Rule) (string, bool) {
	s := r.SecuritySeverity
	if !r.HasTag(rules.TagSecurity) || math.IsNaN(s) || s <= 0 {
		return "", false
	}
	s = min(s, 10)
	return strconv.FormatFloat(s, 'f', 1, 64), true
}

func problemSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "recommendation"
}

func sarifLevel(s rules.Severity) string {
	switch {
	case s >= rules.Error:
		return "error"
	case s == rules.Warning:
		return "warning"
	}
	return "note"
}

func sarifRegion(s span) *sarif.Region {
	r := sarif.NewRegion().WithStartLine(s.Line).WithEndLine(s.EndLine)
	if s.Col > 0 {
		r.WithStartColumn(s.Col)
		if s.EndCol > 0 {
			r.WithEndColumn(s.EndCol)
		}
	}
	return r
}

// artifactLocation is a repository-relative, percent-encoded URI under
// %SRCROOT%. A path that is absolute even after making it relative to
// in.SourceRoot becomes a file: URI, which GitHub makes relative to the
// checkout itself.
func artifactLocation(in *Input, p string) *sarif.ArtifactLocation {
	p = displayPath(in, p)
	if p == "" {
		p = "-"
	}
	if strings.HasPrefix(p, "/") || filepath.VolumeName(p) != "" || isDrivePath(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		return sarif.NewSimpleArtifactLocation("file://" + encodeURIPath(p))
	}
	return sarif.NewSimpleArtifactLocation(encodeURIPath(p)).WithUriBaseId(SARIFRootBase)
}

func isDrivePath(p string) bool {
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'))
}

// encodeURIPath percent-encodes a slash path for a URI reference: every byte
// but the unreserved characters, the sub-delimiters, '@' and '/' (':' too,
// so that a first segment can never read as a scheme).
func encodeURIPath(p string) string {
	const keep = "-._~!$&'()*+,;=@/"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// rootURI is the file: URI of an absolute directory, with a trailing slash.
func rootURI(dir string) string {
	if dir == "" {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func helpText(r *rules.Rule) string {
	var b strings.Builder
	b.WriteString(nonEmpty(valid(r.Documentation()), valid(r.Summary)))
	if r.Bad != "" {
		b.WriteString("\n\nBad:\n\n" + indent(valid(r.Bad), "    "))
	}
	if r.Good != "" {
		b.WriteString("\n\nGood:\n\n" + indent(valid(r.Good), "    "))
	}
	b.WriteString("\n\nDocumentation: " + r.URL())
	return b.String()
}

func helpMarkdown(r *rules.Rule) string {
	var b strings.Builder
	b.WriteString(nonEmpty(valid(r.Documentation()), valid(r.Summary)))
	lang := fenceLang(r.Kind)
	if r.Bad != "" {
		b.WriteString("\n\n**Bad**\n\n" + fence(valid(r.Bad), lang))
	}
	if r.Good != "" {
		b.WriteString("\n\n**Good**\n\n" + fence(valid(r.Good), lang))
	}
	fmt.Fprintf(&b, "\n\n[%s %s documentation](%s)", r.ID, r.Name, r.URL())
	return b.String()
}

func fenceLang(k parser.Kind) string {
	switch k {
	case parser.Dockerfile, parser.BuildContext:
		return "dockerfile"
	case parser.DaemonJSON:
		return "json"
	}
	return "text"
}

// fence wraps code in a fence longer than any run of backticks inside it.
func fence(code, lang string) string {
	code = strings.TrimRight(code, "\n")
	n, run := 3, 0
	for _, c := range code {
		if c == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", n)
	return f + lang + "\n" + code + "\n" + f
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// truncate cuts s to at most n bytes on a rune boundary, ending with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func nonEmpty(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

package shell

import (
	"testing"

	"github.com/dlint/dlint/internal/stderrcheck"
)

// FuzzParse: any script parses or fails cleanly, without a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"apt-get update && apt-get install -y curl",
		"sudo env A=1 xargs -n1 sh -c 'echo $1' _",
		"bash -c \"cd /x && make\" | tee log",
		"cat <<EOF\nbody\nEOF\n",
		"$(echo `date`) ${A:-b} $((1+2))",
	} {
		f.Add(s)
	}
	stderr := stderrcheck.Start(f)
	f.Fuzz(func(t *testing.T, script string) {
		defer stderr.Check(t)
		_, _ = Parse(script, identity)
	})
}

package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var ungracefulStopSignal = &Rule{
	ID: "DL5207", Name: "ungraceful-stopsignal", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "STOPSIGNAL is a signal the process cannot handle",
	Doc: "`docker stop` sends the STOPSIGNAL so the process can finish requests, flush data and exit " +
		"cleanly. SIGKILL cannot be caught: the process dies at once, losing in-flight work. SIGSTOP " +
		"cannot be caught either: it only freezes the process, which is then killed when the stop " +
		"timeout runs out. Keep the default (SIGTERM) or use the signal the program documents for a " +
		"graceful stop (SIGQUIT for nginx, SIGINT for some). Only the final stage (or --target) and " +
		"the stages it is built FROM are judged.",
	Bad:   "STOPSIGNAL SIGKILL",
	Good:  "STOPSIGNAL SIGTERM",
	Check: checkUngracefulStopSignal,
}

func checkUngracefulStopSignal(p *Pass) {
	final := p.FinalStage()
	if final == nil {
		return
	}
	f := p.Dockerfile
	vars := newChainVars(f, final)
	for _, in := range ChainInstructions(final) {
		if in.Cmd != "stopsignal" || len(in.Args) == 0 {
			continue
		}
		raw := in.Args[0]
		v, unresolved := vars.expand(in, raw)
		if unresolved {
			continue
		}
		switch strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(v)), "SIG") {
		case "KILL", "9":
			p.Report(in.Find(raw), fmt.Sprintf("STOPSIGNAL %s cannot be caught: the process is killed without a chance to shut down cleanly", v))
		case "STOP", "19":
			p.Report(in.Find(raw), fmt.Sprintf("STOPSIGNAL %s cannot be caught: it freezes the process, which is killed when the stop timeout expires", v))
		}
	}
}

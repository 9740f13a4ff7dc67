package rules

// daemonRules are the daemon.json rules (DD). Keep it sorted by ID.
var daemonRules = []*Rule{
	ddLogRotation,     // DD1001
	ddLogOptNotString, // DD1002
}

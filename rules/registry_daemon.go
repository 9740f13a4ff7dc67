package rules

// daemonRules are the daemon.json rules (DD). Keep it sorted by ID.
var daemonRules = []*Rule{
	ddLogRotation,     // DD1001
	ddLogOptNotString, // DD1002
	ddUnknownKey,      // DD1003
	ddIgnoredKey,      // DD1004
	ddRemovedKey,      // DD1005
	ddWrongTypeRule,   // DD1006
	ddInvalidValue,    // DD1007
	ddCommandLineOnly, // DD1008
	ddDuplicateKey,    // DD1009
}

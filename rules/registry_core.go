package rules

// coreRules are the reserved rules and the core practices. Keep it sorted by ID.
var coreRules = []*Rule{
	daemonParseError,     // DD1000
	ignoreParseError,     // DI1000
	internalError,        // DL0000
	unknownPragmaRule,    // DL0001
	unusedPragma,         // DL0002
	dockerfileParseError, // DL1000
}

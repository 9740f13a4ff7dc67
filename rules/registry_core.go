package rules

// coreRules are the reserved rules and the core practices. Keep it sorted by ID.
var coreRules = []*Rule{
	daemonParseError,     // DD1000
	ignoreParseError,     // DI1000
	internalError,        // DL0000
	unknownPragmaRule,    // DL0001
	unusedPragma,         // DL0002
	dockerfileParseError, // DL1000
	rootUser,             // DL3002
	untaggedImage,        // DL3006
	latestTag,            // DL3007
	multipleHealthchecks, // DL3012
	numericUser,          // DL3066
	buildInFinalStage,    // DL5001
	sdkBaseImage,         // DL5002
	missingUser,          // DL5003
	fullSizeImage,        // DL5004
	missingHealthcheck,   // DL5005
}

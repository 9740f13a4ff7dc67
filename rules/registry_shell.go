package rules

// shellRules are the rules about the other commands run in RUN. Keep it sorted by ID.
var shellRules = []*Rule{
	pointlessCommand,    // DL3001
	cdInRun,             // DL3003
	sudoInRun,           // DL3004
	wgetProgress,        // DL3047
	curlAndWget,         // DL4001
	lnBinSh,             // DL4005
	pipefailRule,        // DL4006
	remoteScriptPipe,    // DL5100
	tlsDisabled,         // DL5101
	passwordInRun,       // DL5102
	worldWritable,       // DL5103
	credentialsInRun,    // DL5104
	runNetworkHost,      // DL5105
	runSecurityInsecure, // DL5106
	secretArgInRun,      // DL5107
	addURLChecksum,      // DL5108
	syntaxUnpinned,      // DL5109
	shellcheckRule,      // DL5190
}

package rules

// instructionRules are the rules about instructions, stages and labels. Keep it sorted by ID.
var instructionRules = []*Rule{
	copyThenExtract,   // DL3010
	exposeInvalidPort, // DL3011
	addLocalFile,      // DL3020
	copyDestNotDir,    // DL3021
}

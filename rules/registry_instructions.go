package rules

// instructionRules are the rules about instructions, stages and labels. Keep it sorted by ID.
var instructionRules = []*Rule{
	copyThenExtract,   // DL3010
	exposeInvalidPort, // DL3011
	addLocalFile,      // DL3020
	copyDestNotDir,    // DL3021
	copyFromUnknown,   // DL3022
	copyFromSelf,      // DL3023
	untrustedRegistry, // DL3026
	unreachableStage,  // DL5200
	circularStages,    // DL5201
	invalidStageRef,   // DL5202
}

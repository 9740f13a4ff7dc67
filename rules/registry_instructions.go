package rules

// instructionRules are the rules about instructions, stages and labels. Keep it sorted by ID.
var instructionRules = []*Rule{
	copyThenExtract,        // DL3010
	exposeInvalidPort,      // DL3011
	addLocalFile,           // DL3020
	copyDestNotDir,         // DL3021
	copyFromUnknown,        // DL3022
	copyFromSelf,           // DL3023
	untrustedRegistry,      // DL3026
	onbuildInvalidTrigger,  // DL3043
	envSameInstruction,     // DL3044
	copyRelativeNoWorkdir,  // DL3045
	useraddHighUID,         // DL3046
	invalidLabelKey,        // DL3048
	labelMissing,           // DL3049
	labelNotInSchema,       // DL3050
	labelEmpty,             // DL3051
	labelNotURL,            // DL3052
	labelNotRFC3339,        // DL3053
	labelNotSPDX,           // DL3054
	labelNotHash,           // DL3055
	labelNotSemver,         // DL3056
	labelNotEmail,          // DL3058
	consecutiveRun,         // DL3059
	instructionBeforeFrom,  // DL3061
	copyRootToRoot,         // DL3067
	unreachableStage,       // DL5200
	circularStages,         // DL5201
	invalidStageRef,        // DL5202
	copyFromEmptyScratch,   // DL5203
	userCreatedUnused,      // DL5204
	copyAfterUser,          // DL5205
	codeOwnedByRuntimeUser, // DL5206
	ungracefulStopSignal,   // DL5207
	workdirSystemPath,      // DL5208
	exposeSSH,              // DL5209
	worldWritableChmod,     // DL5210
}

package rules

// buildkitRules are the `docker build --check`'s checks. Keep it sorted by ID.
var buildkitRules = []*Rule{
	relativeWorkdir,         // DL3000 WorkdirRelativePath
	duplicateStageName,      // DL3024 DuplicateStageName
	jsonArgsRecommended,     // DL3025 JSONArgsRecommended
	platformFlagConstant,    // DL3029 FromPlatformFlagConstDisallowed
	reservedStageName,       // DL3063 ReservedStageName
	secretInArgOrEnv,        // DL3064 SecretsUsedInArgOrEnv
	redundantTargetPlatform, // DL3065 RedundantTargetPlatform
	maintainerDeprecated,    // DL4000 MaintainerDeprecated
	multipleCmd,             // DL4003 MultipleInstructionsDisallowed (CMD)
	multipleEntrypoint,      // DL4004 MultipleInstructionsDisallowed (ENTRYPOINT)
	stageNameCasing,         // DL5400 StageNameCasing
	fromAsCasing,            // DL5401 FromAsCasing
	instructionCasing,       // DL5402 ConsistentInstructionCasing
	undefinedArgInFrom,      // DL5403 UndefinedArgInFrom
	invalidDefaultArgInFrom, // DL5404 InvalidDefaultArgInFrom
	legacyKeyValue,          // DL5405 LegacyKeyValueFormat
	exposeProtoCasing,       // DL5406 ExposeProtoCasing
	exposeHostPort,          // DL5407 ExposeInvalidFormat
	undefinedVar,            // DL5408 UndefinedVar
	emptyContinuation,       // DL5409 NoEmptyContinuation
	definitionDescription,   // DL5410 InvalidDefinitionDescription
	baseImagePlatform,       // DL5411 InvalidBaseImagePlatform
}

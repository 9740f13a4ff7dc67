package rules

// contextRules are the .dockerignore and build-context rules (DI). Keep it sorted by ID.
var contextRules = []*Rule{
	wholeContextNoIgnore,
	clutterNotIgnored,
	secretInContext,
	copyIgnoredFile,
	largeContext,
	staleIgnorePattern,
	ineffectiveException,
	duplicateIgnorePattern,
	absoluteIgnorePattern,
	rootOnlyIgnorePattern,
	ignorePatternNotText,
}

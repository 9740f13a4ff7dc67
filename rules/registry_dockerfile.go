package rules

// dockerfileRules is the Dockerfile catalogue beyond the core practices:
// hadolint's rules under their numbers, BuildKit's checks, and dlint's own.
// Keep it sorted by ID.
var dockerfileRules = []*Rule{}

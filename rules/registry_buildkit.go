package rules

// buildkitRules are the `docker build --check`'s checks. Keep it sorted by ID.
var buildkitRules = []*Rule{}

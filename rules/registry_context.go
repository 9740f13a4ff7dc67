package rules

// contextRules are the .dockerignore and build-context rules (DI). Keep it sorted by ID.
var contextRules = []*Rule{}

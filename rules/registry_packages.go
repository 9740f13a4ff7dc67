package rules

// packageRules are the rules about package managers run in RUN. Keep it sorted by ID.
var packageRules = []*Rule{}

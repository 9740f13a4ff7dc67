package rules

// shellRules are the rules about the other commands run in RUN. Keep it sorted by ID.
var shellRules = []*Rule{}

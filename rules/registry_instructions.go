package rules

// instructionRules are the rules about instructions, stages and labels. Keep it sorted by ID.
var instructionRules = []*Rule{}

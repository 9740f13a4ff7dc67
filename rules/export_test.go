package rules

// CheckFindingRanges lets the external fuzz targets hold findings inside
// their file as the internal ones do.
var CheckFindingRanges = checkFindingRanges

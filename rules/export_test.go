package rules

// CheckFindingRanges lets the external fuzz targets hold findings inside
// their file as the internal ones do.
var CheckFindingRanges = checkFindingRanges

// IsClutterDir reports whether DI1001 and DI1002 take a directory of this
// name for clutter (without looking for a CACHEDIR.TAG in it).
func IsClutterDir(name string) bool { return ctxVCSDirs[name] || ctxClutterDirs[name] }

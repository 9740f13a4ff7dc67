package rules

// packageRules are the rules about package managers run in RUN. Keep it sorted by ID.
var packageRules = []*Rule{
	aptUnpinned,                    // DL3008
	aptListsNotRemoved,             // DL3009
	pipUnpinned,                    // DL3013
	aptMissingYes,                  // DL3014
	aptNoInstallRecommends,         // DL3015
	npmUnpinned,                    // DL3016
	apkUnpinned,                    // DL3018
	apkNoCache,                     // DL3019
	aptUsed,                        // DL3027
	gemUnpinned,                    // DL3028
	yumMissingYes,                  // DL3030
	yumClean,                       // DL3032
	yumUnpinned,                    // DL3033
	zypperNonInteractive,           // DL3034
	zypperDistUpgrade,              // DL3035
	zypperClean,                    // DL3036
	zypperUnpinned,                 // DL3037
	dnfMissingYes,                  // DL3038
	dnfClean,                       // DL3040
	dnfUnpinned,                    // DL3041
	pipNoCacheDir,                  // DL3042
	yarnCacheClean,                 // DL3060
	goInstallUnpinned,              // DL3062
	packageSignatureCheckDisabled,  // DL5300
	packageTLSVerificationDisabled, // DL5301
	packageIndexUpdateAlone,        // DL5302
	packageCacheMount,              // DL5303
	cargoInstallUnpinned,           // DL5304
	composerRequireUnpinned,        // DL5305
}

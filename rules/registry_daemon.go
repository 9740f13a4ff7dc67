package rules

// daemonRules are the daemon.json rules (DD). Keep it sorted by ID.
var daemonRules = []*Rule{
	ddLogRotation,            // DD1001
	ddLogOptNotString,        // DD1002
	ddUnknownKey,             // DD1003
	ddIgnoredKey,             // DD1004
	ddRemovedKey,             // DD1005
	ddWrongTypeRule,          // DD1006
	ddInvalidValue,           // DD1007
	ddCommandLineOnly,        // DD1008
	ddDuplicateKey,           // DD1009
	ddUnknownLogDriver,       // DD1010
	ddInvalidLogOpt,          // DD1011
	ddLogOptValue,            // DD1012
	ddStorageDriver,          // DD1013
	ddICCIptables,            // DD1014
	ddBridgeBip,              // DD1015
	ddCgroupDriver,           // DD1016
	ddCgroupParent,           // DD1017
	ddContainerdNamespace,    // DD1018
	ddInsecureRegistryScheme, // DD1019
	ddSystemdConflict,        // DD1020
	ddFlagConflict,           // DD1021
	ddTLSCerts,               // DD1022
	ddTCPWithoutTLS,          // DD1023
	ddInsecureRegistries,     // DD1024
	ddSeccompUnconfined,      // DD1025
	ddIptablesDisabled,       // DD1026
	ddBuilderInsecure,        // DD1027
	ddICCEnabled,             // DD1030
	ddLogLevel,               // DD1031
	ddNoDefaultUlimits,       // DD1032
	ddNoUsernsRemap,          // DD1033
	ddCgroupParentSet,        // DD1034
	ddNoAuthzPlugin,          // DD1035
	ddNoRemoteLogging,        // DD1036
	ddNoLiveRestore,          // DD1037
	ddUserlandProxy,          // DD1038
	ddExperimental,           // DD1039
	ddNoNewPrivileges,        // DD1040
}

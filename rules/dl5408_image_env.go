package rules

import "strings"

// Variables that popular base images set in their config (ENV), by image
// repository as dlint splits it (Docker Hub official images without
// "library/"). DL5408 does not report them in stages built on those images;
// the list only silences, so a variable listed for an image variant that
// lacks it costs a missed finding, never a false one. Names from the images'
// published Dockerfiles.
var imageEnvTable = map[string][]string{
	"golang":          {"GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"},
	"python":          {"PYTHON_VERSION", "PYTHON_SHA256", "GPG_KEY", "LANG", "PYTHON_PIP_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256", "PYTHON_SETUPTOOLS_VERSION"},
	"pypy":            {"PYPY_VERSION", "LANG"},
	"node":            {"NODE_VERSION", "YARN_VERSION"},
	"openjdk":         {"JAVA_HOME", "JAVA_VERSION", "LANG"},
	"eclipse-temurin": {"JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"},
	"amazoncorretto":  {"JAVA_HOME", "LANG"},
	"ibmjava":         {"JAVA_HOME", "JAVA_VERSION"},
	"maven":           {"MAVEN_HOME", "MAVEN_CONFIG", "JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"},
	"gradle":          {"GRADLE_HOME", "GRADLE_VERSION", "JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"},
	"tomcat": {"CATALINA_HOME", "TOMCAT_NATIVE_LIBDIR", "LD_LIBRARY_PATH", "TOMCAT_MAJOR", "TOMCAT_VERSION", "TOMCAT_SHA512",
		"GPG_KEYS", "JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"},
	"ruby": {"RUBY_VERSION", "RUBY_DOWNLOAD_SHA256", "RUBY_DOWNLOAD_URL", "RUBY_MAJOR", "GEM_HOME", "BUNDLE_SILENCE_ROOT_WARNING", "BUNDLE_APP_CONFIG", "LANG"},
	"php": {"PHP_VERSION", "PHP_INI_DIR", "PHPIZE_DEPS", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "GPG_KEYS", "PHP_URL",
		"PHP_ASC_URL", "PHP_SHA256", "APACHE_CONFDIR", "APACHE_ENVVARS"},
	"nginx":    {"NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE"},
	"httpd":    {"HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"},
	"postgres": {"PGDATA", "PG_MAJOR", "PG_VERSION", "GOSU_VERSION", "LANG"},
	"mysql":    {"MYSQL_MAJOR", "MYSQL_VERSION", "MYSQL_SHELL_VERSION", "GOSU_VERSION"},
	"mariadb":  {"MARIADB_VERSION", "GOSU_VERSION", "LANG"},
	"redis":    {"REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA"},
	"rust":     {"RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"},
	"erlang":   {"OTP_VERSION", "REBAR3_VERSION"},
	"elixir":   {"ELIXIR_VERSION", "LANG"},
	"haskell":  {"GHC", "CABAL_INSTALL", "STACK", "LANG"},
	"julia":    {"JULIA_PATH", "JULIA_VERSION", "JULIA_GPG", "LANG"},
	"docker":   {"DOCKER_VERSION", "DOCKER_BUILDX_VERSION", "DOCKER_COMPOSE_VERSION", "DOCKER_TLS_CERTDIR"},
	"solr":     {"SOLR_HOME", "SOLR_USER", "SOLR_UID", "SOLR_GROUP", "SOLR_GID", "SOLR_VERSION", "SOLR_INSTALL", "JAVA_HOME", "JAVA_VERSION"},
	"jetty":    {"JETTY_HOME", "JETTY_BASE", "TMPDIR", "JAVA_HOME", "JAVA_VERSION"},
	"groovy":   {"GROOVY_HOME", "GROOVY_VERSION", "JAVA_HOME", "JAVA_VERSION"},
	"sonarqube": {"SONARQUBE_HOME", "SONAR_VERSION", "SQ_DATA_DIR", "SQ_EXTENSIONS_DIR", "SQ_LOGS_DIR", "SQ_TEMP_DIR",
		"JAVA_HOME", "JAVA_VERSION"},
}

// jupyterEnv is what the Jupyter Docker Stacks images set (base-notebook and
// every image built on it).
var jupyterEnv = []string{"NB_USER", "NB_UID", "NB_GID", "CONDA_DIR", "HOME", "SHELL", "LC_ALL", "LANG", "LANGUAGE",
	"JUPYTER_PORT", "XDG_CACHE_HOME"}

// dotnetEnv is what Microsoft's .NET images set (runtime-deps and the images built on it).
var dotnetEnv = []string{"APP_UID", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "DOTNET_RUNNING_IN_CONTAINER", "DOTNET_VERSION",
	"ASPNET_VERSION", "DOTNET_SDK_VERSION", "DOTNET_USE_POLLING_FILE_WATCHER", "NUGET_XMLDOC_MODE",
	"DOTNET_GENERATE_ASPNET_CERTIFICATE", "DOTNET_NOLOGO", "POWERSHELL_DISTRIBUTION_CHANNEL", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"}

// KnownImageEnvNames returns the variables a base image is known to set;
// nil when dlint knows nothing about the image.
func KnownImageEnvNames(registry, repository string) []string {
	switch {
	case registry == "" || registry == "docker.io":
		if strings.HasPrefix(repository, "jupyter/") {
			return jupyterEnv
		}
		return imageEnvTable[repository]
	case registry == "quay.io" && strings.HasPrefix(repository, "jupyter/"):
		return jupyterEnv
	case registry == "mcr.microsoft.com" && strings.HasPrefix(repository, "dotnet/"):
		return dotnetEnv
	}
	return nil
}

func knownImageEnv(registry, repository string) map[string]bool {
	names := KnownImageEnvNames(registry, repository)
	if len(names) == 0 {
		return nil
	}
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

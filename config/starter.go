package config

// Starter is the commented .dlint.yaml that `dlint init` writes. Every key
// is present, commented out, with its default or an example.
const Starter = `# dlint configuration. dlint reads the nearest .dlint.yaml walking up from
# each linted file to the repository root, then $XDG_CONFIG_HOME/dlint/config.yaml.
# Command-line flags and DLINT_* environment variables win over this file.
# Rules are named by ID, name or alias: DL3008, apt-unpinned, SecretsUsedInArgOrEnv.
# An unknown key, a wrong type or an unknown rule name is an error (exit 2).

# Rules turned off everywhere.
ignore: []
#  - DL5005

# Severity per rule: error, warning, info, style, or off.
severity: {}
#  DL3006: error
#  missing-healthcheck: off

# Findings at or above this level make dlint exit 1: error, warning, info, style or none.
# fail-level: warning

# Findings below this level are not printed (they still count for fail-level).
# min-severity: style

# Registries images may come from (DL3026).
# trusted-registries:
#   - docker.io
#   - registry.example.com

# Labels every image must carry, with their type: text, url, rfc3339, spdx,
# hash, semver or email (DL3049-DL3058). strict-labels reports labels not listed.
# label-schema:
#   org.opencontainers.image.source: url
# strict-labels: false

# ARG values for expanding FROM ${BASE} and the like, as docker build takes them.
# build-args:
#   BASE: alpine:3.20

# The stage that is built (default: the last one).
# target: runtime

# The flags dockerd runs with, to check daemon.json against them.
# daemon-flags: "-H fd:// --containerd=/run/containerd/containerd.sock"

# Build-context size over which the context rules warn: bytes, or 500MB, 1GiB.
# context-size-limit: 500MB

# Disregard "# dlint ignore=" and "# hadolint ignore=" comments; report the
# ones that silence nothing.
# no-ignore-pragmas: false
# report-unused-ignores: false

# Settings for some files only: globs relative to this file; a glob without
# a slash matches the file name in any directory, ** any number of directories.
overrides: []
#  - files: ["test/**", "*.dev.Dockerfile"]
#    ignore: [DL3007]
#    severity:
#      DL3006: info

# Options of individual rules, by rule ID or name.
# rules:
#   sdk-base-image:
#     key: value
`

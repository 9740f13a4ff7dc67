package rules

// Tests of the build-context and .dockerignore rules (DI) beyond the
// fixtures: trees that git cannot hold (.git directories), monorepos with
// per-Dockerfile ignore files, and the real-world ignore-file corpus.

func init() {
	// Fixtures are small: DI1005 fires above 10 kB under test instead of 100 MB.
	defaultContextSizeLimit = 10_000
}

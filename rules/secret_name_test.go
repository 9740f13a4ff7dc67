package rules

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// BuildKit's SecretsUsedInArgOrEnv heuristic as it writes it; secretLikeName
// must agree with it on every name.
var (
	bkSecretNameRE  = regexp.MustCompile(`(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)`)
	bkSecretAllowRE = regexp.MustCompile(`(?i)(?:_|^)(?:public|file|version)(?:_|$)`)
)

func bkSecretLike(name string) bool {
	return bkSecretNameRE.MatchString(name) && !bkSecretAllowRE.MatchString(name)
}

func TestSecretLikeNameAgreesWithBuildKit(t *testing.T) {
	named := map[string]bool{
		"GITHUB_TOKEN": true, "DB_PASSWORD": true, "token": true, "API_KEY": true, "_KEY_": true,
		"Aws_Secret_Access_Key": true, "credentials": true, "x__auth": true,
		"PUBLIC_KEY": false, "TOKENIZER": false, "GPG_KEY_FILE": false, "KEY_VERSION": false,
		"MONKEY": false, "": false, "_": false, "SECRETS": false, "apikeys": false,
		// (?i) folds like strings.EqualFold: the Kelvin sign is a k, the long s an s.
		"\u212aEY": true, "\u017fECRET": true, "PUBLIC_\u212aEY": false,
		"T\xffOKEN": false, "TOKEN_\xff": true,
	}
	for name, want := range named {
		if got := secretLikeName(name); got != want || bkSecretLike(name) != want {
			t.Errorf("secretLikeName(%q) = %v, BuildKit's expressions %v, want %v", name, got, bkSecretLike(name), want)
		}
	}
	// Names spliced from the words, separators and look-alikes.
	parts := []string{"_", "_", "key", "KEY", "Token", "auth", "public", "FILE", "version", "x", "S", "ecret",
		"secret", "\u212a", "ey", "pass", "wd", "credential", "s", "API", "apikey", "\xff", "é"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		name := ""
		for range r.IntN(6) {
			name += parts[r.IntN(len(parts))]
		}
		if got, want := secretLikeName(name), bkSecretLike(name); got != want {
			t.Fatalf("secretLikeName(%q) = %v, BuildKit's expressions say %v", name, got, want)
		}
	}
}

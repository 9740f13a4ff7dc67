package pathfast

import (
	"path/filepath"
	"strings"
	"testing"
)

// paths lists every path of up to four elements drawn from names that
// exercise cleaning, with and without a leading and a trailing slash.
func paths() []string {
	elems := []string{"", ".", "..", "a", "ab", ".d", "..e", "f.."}
	var out []string
	var build func(prefix []string)
	build = func(prefix []string) {
		if len(prefix) > 0 {
			p := strings.Join(prefix, "/")
			out = append(out, p, "/"+p, p+"/", "/"+p+"/")
		}
		if len(prefix) == 4 {
			return
		}
		for _, e := range elems {
			build(append(prefix, e))
		}
	}
	build(nil)
	return append(out, "", "/", ".", "..", "//", "a//b")
}

func TestMatchesFilepath(t *testing.T) {
	ps := paths()
	for _, p := range ps {
		if IsClean(p) && filepath.Clean(p) != p {
			t.Errorf("IsClean(%q), but filepath.Clean gives %q", p, filepath.Clean(p))
		}
		if got, want := Clean(p), filepath.Clean(p); got != want {
			t.Errorf("Clean(%q) = %q, want %q", p, got, want)
		}
		if got, want := Dir(p), filepath.Dir(p); got != want {
			t.Errorf("Dir(%q) = %q, want %q", p, got, want)
		}
		for _, name := range []string{"", ".", "..", "x", "x/y", ".x", "x/", "../x", "../../x", "../..", "../../..", "x/../y", "..x", "/x", "..//x"} {
			if got, want := Join(p, name), filepath.Join(p, name); got != want {
				t.Errorf("Join(%q, %q) = %q, want %q", p, name, got, want)
			}
		}
	}
	// Within against filepath.Rel, for pairs of absolute paths.
	var abs []string
	for _, p := range ps {
		if strings.HasPrefix(p, "/") && len(p) <= 8 {
			abs = append(abs, p)
		}
	}
	for _, base := range abs {
		for _, targ := range abs {
			rel, inside, ok := Within(base, targ)
			if !ok {
				if IsClean(base) && IsClean(targ) {
					t.Errorf("Within(%q, %q) not answered for clean paths", base, targ)
				}
				continue
			}
			want, err := filepath.Rel(base, targ)
			if err != nil {
				t.Fatalf("filepath.Rel(%q, %q): %v", base, targ, err)
			}
			wantInside := want != ".." && !strings.HasPrefix(want, "../")
			if inside != wantInside || inside && rel != want {
				t.Errorf("Within(%q, %q) = %q, %v; filepath.Rel gives %q", base, targ, rel, inside, want)
			}
		}
	}
	// RelInside against filepath.Rel, clean paths or not.
	for _, base := range abs {
		for _, targ := range abs {
			want, err := filepath.Rel(base, targ)
			wantOK := err == nil && !Outside(filepath.ToSlash(want))
			if rel, ok := RelInside(base, targ); ok != wantOK || ok && rel != want {
				t.Errorf("RelInside(%q, %q) = %q, %v; filepath.Rel gives %q, %v", base, targ, rel, ok, want, err)
			}
		}
	}
}

// Clean paths are answered here, not by path/filepath: what the package is for.
func TestCleanPathsAnswered(t *testing.T) {
	for _, p := range []string{"/", ".", "..", "a", "/a", "/work/shared/corpus/x__Dockerfile", "a/b.c/d", "../a", "../../shared/x"} {
		if !IsClean(p) {
			t.Errorf("IsClean(%q) = false", p)
		}
	}
	if _, _, ok := Within("/work/main", "/work/shared/x"); !ok {
		t.Error("Within of two clean absolute paths not answered")
	}
	if testing.AllocsPerRun(100, func() { _ = Join("/work/shared/corpus", "Dockerfile") }) != 1 {
		t.Error("Join of a clean directory and a name allocates more than its result")
	}
}

func TestOutside(t *testing.T) {
	for rel, want := range map[string]bool{
		"..": true, "../a": true, "../..": true, "..a": false, "..cache/x": false, "a/..": false, ".": false, "a": false, "...": false,
	} {
		if got := Outside(rel); got != want {
			t.Errorf("Outside(%q) = %v, want %v", rel, got, want)
		}
	}
}

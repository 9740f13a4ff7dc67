package lazyregexp

import (
	"strings"
	"testing"
)

func TestCompiledOnFirstUse(t *testing.T) {
	r := New(`^a+$`)
	if r.re != nil {
		t.Fatal("compiled before its first use")
	}
	if !r.MatchString("aaa") || r.MatchString("ab") || !r.Match([]byte("a")) {
		t.Error("wrong matches")
	}
	if m := r.FindStringSubmatch("aa"); len(m) != 1 || m[0] != "aa" {
		t.Errorf("FindStringSubmatch = %q", m)
	}
}

func TestCompileAllFindsAnInvalidPattern(t *testing.T) {
	New(`(`)
	defer func() {
		if v := recover(); v == nil || !strings.Contains(v.(string), "missing closing )") {
			t.Errorf("recovered %v", v)
		}
		mu.Lock()
		all = all[:len(all)-1] // leave the other tests the valid patterns
		mu.Unlock()
	}()
	CompileAll()
}

package rules

import "strings"

// validImageRef reports whether reference.ParseNormalizedNamed (from
// github.com/distribution/reference v0.6.0, what `docker build` reads a
// FROM's image with) accepts s, for any string s. It is a byte scanner, in
// linear time and without allocating, so that dlint need not link that
// package, which compiles its regular expressions at process start. A
// table test and a differential fuzz test hold it to the package.
//
// The package first refuses a bare image ID, then rewrites a "familiar"
// name into a full one (alpine → docker.io/library/alpine), then parses
// the result as domain "/" path [":" tag] ["@" digest], where the path is
// at most 255 bytes and the digest is one of go-digest's algorithms.
func validImageRef(s string) bool {
	// 64 lower-case hex digits could be an image ID, so they are no name.
	if len(s) == 64 && isLowerHexString(s) {
		return false
	}

	// The rewrite: domain becomes the first component of the reference
	// that is parsed and rest what follows its '/'; library says that
	// "library/" goes in front of rest. The first component of s is kept
	// as the domain when it looks like a host (localhost, a '.' or a ':',
	// an upper-case letter, which a path may not have); otherwise, and
	// when s has no '/', the domain is Docker Hub's.
	domain, library := "docker.io", false
	first, rest, slash := strings.Cut(s, "/")
	switch {
	case !slash:
		rest = s
	case first == "localhost":
		domain = first
	case first == "index.docker.io":
		// Docker Hub's old name: the domain stays docker.io.
	case refHostLike(first):
		// Non-ASCII bytes might also count as upper case for the package
		// (strings.ToLower), but they are invalid wherever they end up.
		domain = first
	default:
		rest = s
	}
	if domain == "docker.io" && !strings.Contains(rest, "/") {
		library = true // official images live under library/ on Docker Hub
	}

	// rest is path [":" tag] ["@" digest]: a path never has ':' or '@', a
	// tag never has '@'. The package also wants lower case in rest up to
	// its first ':', which the path grammar and the lower-case digest
	// algorithms below already imply.
	end := refPathEnd(rest)
	if end < 0 {
		return false
	}
	name, tail := rest[:end], rest[end:]
	if tail != "" && tail[0] == ':' {
		i := 1
		for i < len(tail) && tail[i] != '@' {
			i++
		}
		if !validRefTag(tail[1:i]) {
			return false
		}
		tail = tail[i:]
	}
	if tail != "" && (tail[0] != '@' || !validRefDigest(tail[1:])) {
		return false
	}

	// The parser takes the first component as a domain when it can, and
	// otherwise as one more path component: "a_b.c/d" has the path
	// "a_b.c/d". Only the path counts towards the 255-byte limit.
	n := len(name)
	if library {
		n += len("library/")
	}
	if domain != "docker.io" && !validRefDomain(domain) {
		// Then it must be a path component (it has no '/').
		if refPathEnd(domain) != len(domain) {
			return false
		}
		n += len(domain) + len("/")
	}
	// The parse always has a name, so its result is always a Named.
	return n <= 255
}

// refPathEnd returns the length of the path at the start of p, which is
// '/'-separated components, each runs of [a-z0-9] joined by '.', '_', "__"
// or any number of '-'; -1 if p does not start with such a path or it is
// followed by a separator.
func refPathEnd(p string) int {
	i := 0
	for {
		start := i
		for i < len(p) && isLowerAlnum(p[i]) {
			i++
		}
		if i == start {
			return -1 // empty component, or a separator out of place
		}
		if i == len(p) {
			return i
		}
		switch p[i] {
		case '.', '/':
			i++
		case '_':
			i++
			if i < len(p) && p[i] == '_' {
				i++
			}
		case '-':
			for i < len(p) && p[i] == '-' {
				i++
			}
		default:
			return i
		}
	}
}

// validRefDomain reports whether d is a host with an optional ":port":
// either dot-separated labels of letters, digits and inner '-', or hex
// digits and ':' in brackets (an IPv6 address, loosely).
func validRefDomain(d string) bool {
	var port string
	if strings.HasPrefix(d, "[") {
		end := strings.IndexByte(d, ']')
		if end < 2 {
			return false
		}
		for i := 1; i < end; i++ {
			if c := d[i]; !isASCIIHex(c) && c != ':' {
				return false
			}
		}
		port = d[end+1:]
	} else {
		host := d
		if i := strings.IndexByte(d, ':'); i >= 0 {
			host, port = d[:i], d[i:]
		}
		// Labels separated by '.': letters and digits, '-' inside.
		start := 0
		for i := 0; i <= len(host); i++ {
			if i < len(host) && host[i] != '.' {
				if !isASCIIAlnum(host[i]) && (host[i] != '-' || i == start) {
					return false
				}
				continue
			}
			if i == start || host[i-1] == '-' {
				return false
			}
			start = i + 1
		}
	}
	if port == "" {
		return true
	}
	if port[0] != ':' || len(port) == 1 {
		return false
	}
	for i := 1; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	return true
}

// validRefTag reports whether t is 1 to 128 word characters, '.' and '-',
// not starting with '.' or '-'.
func validRefTag(t string) bool {
	if t == "" || len(t) > 128 || t[0] == '.' || t[0] == '-' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !isASCIIAlnum(c) && c != '_' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// validRefDigest reports whether go-digest accepts the digest d: one of
// the algorithms it knows, with exactly as many lower-case hex digits as
// the hash has. The reference package's digest pattern is looser, but
// go-digest refuses the rest, unknown algorithms included. go-digest also
// asks whether the hash is linked in: all three are in docker's binaries
// (crypto/sha256, crypto/sha512), which this answers for; dlint's own
// binary has no crypto/sha512, where the package refused sha384 and sha512.
func validRefDigest(d string) bool {
	var alg string
	switch len(d) {
	case len("sha256:") + 64:
		alg = "sha256:"
	case len("sha384:") + 96:
		alg = "sha384:"
	case len("sha512:") + 128:
		alg = "sha512:"
	default:
		return false
	}
	return d[:len(alg)] == alg && isLowerHexString(d[len(alg):])
}

func isLowerHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// refHostLike reports whether a first component that is not localhost is a
// domain for the package: it has a '.' or ':', or an upper-case letter.
func refHostLike(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == ':' || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func isASCIIAlnum(c byte) bool { return isLowerAlnum(c) || c >= 'A' && c <= 'Z' }

func isASCIIHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

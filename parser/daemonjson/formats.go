package daemonjson

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/dlint/dlint/internal/lazyregexp"
)

// Formats are the value syntaxes a Spec.Format can name, with what each
// accepts; CheckFormat applies them with dockerd's wording where it has one.
var Formats = map[string]string{
	"size":             `a size such as "64M", "1.5g" or "512k"`,
	"int":              `an integer in a string, such as "3"`,
	"bool":             `"true" or "false" in a string`,
	"ip":               "an IP address",
	"ip-strict":        "an IP address without port",
	"cidr":             `an address with prefix length, such as "172.17.0.1/16"`,
	"cidr-strict":      `a prefix such as "172.30.0.0/16"`,
	"host":             "unix://path, tcp://host:port or fd://",
	"mirror":           "an http:// or https:// URL without path",
	"label":            `"key=value"`,
	"generic-resource": `"NAME=value"`,
	"exec-opt":         `"opt=value" with a known option`,
	"dns-search":       "a domain name",
	"fwmark":           "mark[/mask], numbers",
	"port":             "0 to 65535",
	"nonnegative":      "zero or more",
}

// emptyIsUnset are the formats whose decoders read "" as "not set".
var emptyIsUnset = map[string]bool{"": true, "ip": true, "ip-strict": true, "cidr": true, "cidr-strict": true, "host": true, "fwmark": true}

var sizeRE = lazyregexp.New(`^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`)

// ParseSize reads a human size the way dockerd's RAMInBytes and
// FromHumanSize do ("10m", "1.5GB", "512"); ok is false when it is not one.
func ParseSize(s string) (float64, bool) {
	m := sizeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	mult := map[string]float64{"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}[strings.ToLower(m[3])]
	return n * mult, true
}

var domainRE = lazyregexp.New(`^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))*\.?$`)

// CheckFormat reports why a string value does not have the named format,
// or nil. Unknown and empty formats accept anything; an empty value passes
// where dockerd's decoder reads "" as "not set" (addresses, prefixes).
func CheckFormat(format, v string) error {
	if v == "" && emptyIsUnset[format] {
		return nil
	}
	switch format {
	case "size":
		if _, ok := ParseSize(v); !ok {
			return fmt.Errorf("invalid size: %q", v)
		}
	case "int":
		if _, err := strconv.Atoi(v); err != nil {
			return fmt.Errorf("%q is not an integer", v)
		}
	case "bool":
		if _, err := strconv.ParseBool(v); err != nil {
			return fmt.Errorf("%q is not a boolean (true or false)", v)
		}
	case "ip":
		if !parseIP(v) {
			return fmt.Errorf("invalid IP address: %s", v)
		}
	case "ip-strict":
		if _, err := netip.ParseAddr(v); err != nil {
			return err
		}
	case "cidr":
		if !parseCIDR(v) {
			return fmt.Errorf("invalid CIDR address: %s", v)
		}
	case "cidr-strict":
		if _, err := netip.ParsePrefix(v); err != nil {
			return fmt.Errorf("netip.ParsePrefix(%q): %s", v, strings.TrimPrefix(err.Error(), fmt.Sprintf("netip.ParsePrefix(%q): ", v)))
		}
	case "host":
		return checkHost(v)
	case "mirror":
		return checkMirror(v)
	case "label":
		if k, _, ok := strings.Cut(v, "="); !ok || strings.TrimSpace(k) == "" {
			return fmt.Errorf("bad attribute format: %s", v)
		}
	case "generic-resource":
		if k, val, ok := strings.Cut(v, "="); !ok || k == "" || val == "" {
			return fmt.Errorf("could not parse GenericResource: %q must be NAME=value", v)
		}
	case "exec-opt":
		return checkExecOpt(v)
	case "dns-search":
		if v != "." && (len(v) > 255 || !domainRE.MatchString(v)) {
			return fmt.Errorf("%s is not a valid domain", v)
		}
	case "fwmark":
		mark, mask, hasMask := strings.Cut(v, "/")
		if _, err := strconv.ParseUint(mark, 0, 32); err != nil {
			return fmt.Errorf("invalid firewall mark %q", v)
		}
		if hasMask {
			if _, err := strconv.ParseUint(mask, 0, 32); err != nil {
				return fmt.Errorf("invalid firewall mask %q", v)
			}
		}
	}
	return nil
}

// CheckNumber reports why an integer value does not have the named format.
func CheckNumber(format string, n int64) error {
	switch format {
	case "port":
		if n < 0 || n > 65535 {
			return fmt.Errorf("value must be between 0 and 65535")
		}
	case "nonnegative":
		if n < 0 {
			return fmt.Errorf("value must not be negative")
		}
	}
	return nil
}

func checkHost(v string) error {
	if strings.TrimSpace(v) != v {
		return fmt.Errorf("invalid bind address (%s): host cannot contain whitespace", v)
	}
	proto, addr, ok := strings.Cut(v, "://")
	if !ok {
		proto, addr = "tcp", v
	}
	switch proto {
	case "unix", "fd", "npipe":
		return nil
	case "tcp":
		if addr == "" {
			return nil
		}
		u, err := url.Parse("tcp://" + addr)
		if err != nil {
			return fmt.Errorf("invalid bind address (%s): %w", v, err)
		}
		if u.Path != "" && u.Path != "/" {
			return fmt.Errorf("invalid bind address (%s): should not contain a path element", v)
		}
		if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 65535 {
				return fmt.Errorf("invalid bind address (%s): invalid port", v)
			}
		}
		return nil
	}
	return fmt.Errorf("invalid bind address (%s): unsupported proto '%s'", v, proto)
}

func checkMirror(v string) error {
	if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
		if strings.Contains(v, "://") {
			scheme, _, _ := strings.Cut(v, "://")
			return fmt.Errorf("invalid mirror: unsupported scheme %q in %q: must use either 'https://' or 'http://'", scheme, v)
		}
		return fmt.Errorf("invalid mirror: no scheme specified for %q: must use either 'https://' or 'http://'", v)
	}
	u, err := url.Parse(v)
	if err != nil {
		return fmt.Errorf("invalid mirror: %q is not a valid URI: %w", v, err)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("invalid mirror: path, query, or fragment at end of the URI %q", v)
	}
	return nil
}

func checkExecOpt(v string) error {
	k, val, ok := strings.Cut(v, "=")
	k = strings.ToLower(strings.TrimSpace(k))
	val = strings.TrimSpace(val)
	if !ok || k == "" || val == "" {
		return fmt.Errorf("invalid exec-opt (%s): must be formatted 'opt=value'", v)
	}
	for _, w := range WindowsExecOpts {
		if k == w {
			return fmt.Errorf("invalid exec-opt (%s): option '%s' is only supported on windows", v, k)
		}
	}
	if _, known := ExecOpts[k]; !known {
		return fmt.Errorf("invalid exec-opt (%s): unknown option: '%s'", v, k)
	}
	return nil
}

// parseIP reports whether net.ParseIP, which dockerd uses for these
// settings, accepts v: an address without a zone. The net package is not
// used because linking it makes the binary load the C library at every
// start, a millisecond of each pre-commit run.
func parseIP(v string) bool {
	a, err := netip.ParseAddr(v)
	return err == nil && a.Zone() == ""
}

// parseCIDR reports whether net.ParseCIDR accepts v: an address without a
// zone, "/", and a prefix length in decimal digits (leading zeros allowed,
// unlike netip.ParsePrefix) no longer than the address.
func parseCIDR(v string) bool {
	addr, bits, ok := strings.Cut(v, "/")
	a, err := netip.ParseAddr(addr)
	if !ok || bits == "" || err != nil || a.Zone() != "" {
		return false
	}
	n := 0
	for i := 0; i < len(bits); i++ {
		c := bits[i]
		if c < '0' || c > '9' {
			return false
		}
		if n = n*10 + int(c-'0'); n > a.BitLen() {
			return false
		}
	}
	return true
}

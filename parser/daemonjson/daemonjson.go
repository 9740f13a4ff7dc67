// Package daemonjson reads Docker's daemon.json with gjson, keeping for every
// key its JSON path, value, type and the exact range of the key and value.
package daemonjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/dlint/dlint/parser/source"
)

// Key is one object member anywhere in the document.
type Key struct {
	Path       []string // object keys from the root, e.g. ["log-opts", "max-size"]
	Name       string   // the last element of Path
	Value      gjson.Result
	KeyRange   source.Range // the quoted key
	ValueRange source.Range // the raw value
	Parent     *Key         // nil for top-level keys
	Duplicate  bool         // an earlier member of the same object has this name (last one wins)
	members    []*Key       // the members of an object value, in order
}

// PathString joins the path with dots, for messages.
func (k *Key) PathString() string {
	s := ""
	for i, p := range k.Path {
		if i > 0 {
			s += "."
		}
		s += p
	}
	return s
}

// File is a parsed daemon.json.
type File struct {
	Text  []byte // the document as UTF-8, BOM removed
	Lines *source.Lines
	Root  gjson.Result
	Keys  []*Key // every member, in document order, nested ones included
	top   []*Key // the top-level members
	pos   *posIndex
	// Empty is set for a file with nothing but white space, which dockerd
	// reads as "all defaults".
	Empty bool
	// Truncated is set when objects nest deeper than MaxDepth: members
	// below that depth are not listed in Keys.
	Truncated bool
}

// MaxDepth is how deep Keys follows nested objects. Real daemon.json files
// nest four or five levels; encoding/json (and so dockerd) rejects nesting
// deeper than 10,000 levels as a syntax error.
const MaxDepth = 64

// Span is the range of a value or key parsed from the file.
func (f *File) Span(r gjson.Result) source.Range {
	return f.span(r.Index, len(r.Raw))
}

func (f *File) span(off, length int) source.Range {
	if f.pos == nil {
		f.pos = newPosIndex(f.Text)
	}
	return f.pos.span(off, length)
}

// Elements returns the elements of an array value, each with its range.
func (f *File) Elements(v gjson.Result) []gjson.Result {
	if !v.IsArray() {
		return nil
	}
	var out []gjson.Result
	v.ForEach(func(_, e gjson.Result) bool {
		out = append(out, e)
		return true
	})
	return out
}

// RootRange is where findings about the whole file point: the opening
// brace of the top-level object, or the first line of an empty file.
func (f *File) RootRange() source.Range {
	if f.Root.Exists() && len(f.Root.Raw) > 0 {
		return f.span(f.Root.Index, 1)
	}
	return source.Range{Start: source.Position{Line: 1, Column: 1}, End: source.Position{Line: 1, Column: 1}}
}

// Effective returns the last member named name among keys (last one wins, as in dockerd).
func Effective(keys []*Key, name string) *Key {
	var found *Key
	for _, k := range keys {
		if k.Name == name {
			found = k
		}
	}
	return found
}

// Child returns the effective member name of the object value of k, or nil.
func (f *File) Child(k *Key, name string) *Key {
	if k == nil {
		return nil
	}
	return Effective(f.Children(k), name)
}

// TopLevel returns the last (effective) top-level key named name, or nil.
func (f *File) TopLevel(name string) *Key {
	return Effective(f.top, name)
}

// Children returns the members of the object value of k.
// Children of nil are the top-level members.
func (f *File) Children(k *Key) []*Key {
	if k == nil {
		return f.top
	}
	return k.members
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// decode turns the file's bytes into UTF-8 text the way dockerd does: a UTF-8
// BOM is dropped and UTF-16 with a BOM is transcoded.
func decode(src []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(src, utf8BOM):
		return src[len(utf8BOM):], nil
	case bytes.HasPrefix(src, utf16LEBOM), bytes.HasPrefix(src, utf16BEBOM):
		if len(src)%2 != 0 {
			return nil, errors.New("truncated UTF-16 text")
		}
		little := src[0] == 0xFF
		units := make([]uint16, 0, len(src)/2-1)
		for i := 2; i+1 < len(src); i += 2 {
			if little {
				units = append(units, uint16(src[i])|uint16(src[i+1])<<8)
			} else {
				units = append(units, uint16(src[i])<<8|uint16(src[i+1]))
			}
		}
		return []byte(string(utf16.Decode(units))), nil
	}
	return src, nil
}

// Parse reads a daemon.json. A file that is not valid JSON yields a File with
// no keys and an error with the line and column where reading stopped.
func Parse(src []byte) (*File, []source.Error) {
	text, err := decode(src)
	f := &File{Text: text, Lines: source.NewLines(text)}
	if err != nil {
		return f, []source.Error{{Range: f.RootRange(), Message: err.Error() + ": dockerd refuses the file"}}
	}
	if !utf8.Valid(text) {
		off := source.InvalidUTF8(text)
		return f, []source.Error{{Range: f.Lines.Span(off, 1), Message: "invalid UTF-8 byte: dockerd refuses the file (failed to decode configuration JSON)"}}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		f.Empty = true
		return f, nil
	}
	if e := syntaxError(text, f.Lines); e != nil {
		return f, []source.Error{*e}
	}
	f.Root = gjson.ParseBytes(text)
	if !f.Root.IsObject() {
		return f, []source.Error{{Range: f.Lines.Span(f.Root.Index, len(f.Root.Raw)), Message: "the top level of daemon.json must be a JSON object"}}
	}
	f.walk(f.Root, nil, 1)
	return f, nil
}

func syntaxError(text []byte, lines *source.Lines) *source.Error {
	dec := json.NewDecoder(bytes.NewReader(text))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		// Anything but blanks after the first value is an error too, as
		// it is to dockerd's json.Unmarshal: a second value, or bytes that
		// start none ("{}A").
		rest := text[dec.InputOffset():]
		i := bytes.IndexFunc(rest, func(r rune) bool { return r != ' ' && r != '\t' && r != '\n' && r != '\r' })
		if i < 0 {
			return nil
		}
		off := int(dec.InputOffset()) + i
		return &source.Error{Range: lines.Span(off, 1), Message: fmt.Sprintf("invalid JSON: invalid character %s after top-level value", quoteJSONChar(rest[i:]))}
	}
	var (
		se  *json.SyntaxError
		te  *json.UnmarshalTypeError
		off = len(text)
		n   = 1
		msg = err.Error()
	)
	switch {
	case errors.As(err, &se):
		off = int(se.Offset)
		if off > 0 {
			off-- // Offset counts the byte that caused the error.
		}
		msg = se.Error()
	case errors.As(err, &te):
		// A number out of float64's range (1e400). Offset is somewhere
		// after it; the number is the last of its text before that.
		num, _ := strings.CutPrefix(te.Value, "number ")
		if i := bytes.LastIndex(text[:min(int(te.Offset), len(text))], []byte(num)); i >= 0 && num != "" {
			off, n = i, len(num)
		}
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "unexpected end of JSON input"
	}
	return &source.Error{Range: lines.Span(off, n), Message: fmt.Sprintf("invalid JSON: %s", msg)}
}

// quoteJSONChar writes the first character of b in single quotes, as
// encoding/json's errors do, a single quote escaped with a backslash.
func quoteJSONChar(b []byte) string {
	r, _ := utf8.DecodeRune(b)
	switch r {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(r))
	return "'" + s[1:len(s)-1] + "'"
}

func (f *File) walk(obj gjson.Result, parent *Key, depth int) {
	if depth > MaxDepth {
		f.Truncated = true
		return
	}
	seen := map[string]bool{}
	obj.ForEach(func(k, v gjson.Result) bool {
		key := &Key{
			Name:       k.Str,
			Value:      v,
			KeyRange:   f.span(k.Index, len(k.Raw)),
			ValueRange: f.span(v.Index, len(v.Raw)),
			Parent:     parent,
			Duplicate:  seen[k.Str],
		}
		seen[k.Str] = true
		if parent != nil {
			key.Path = append(append([]string{}, parent.Path...), k.Str)
		} else {
			key.Path = []string{k.Str}
		}
		f.Keys = append(f.Keys, key)
		if parent != nil {
			parent.members = append(parent.members, key)
		} else {
			f.top = append(f.top, key)
		}
		if v.IsObject() {
			f.walk(v, key, depth+1)
		}
		return true
	})
}

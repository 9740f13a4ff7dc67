package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/shell"
)

var buildInFinalStage = &Rule{
	ID: "DL5001", Name: "build-in-final-stage", Kind: parser.Dockerfile, Severity: Info,
	Tags:             []string{TagSize, TagSecurity},
	SecuritySeverity: 3.0,
	Summary:          "A single-stage image compiles its code and ships the toolchain",
	Doc: "The only stage of this Dockerfile runs a build (go build, gcc/make, cargo build, mvn, " +
		"gradle, npm run build, dotnet publish, …) or installs a compiler toolchain, so the image " +
		"that ships carries compilers, headers and build caches it never uses at run time: " +
		"hundreds of megabytes and many more packages to patch. Build in a first stage and COPY " +
		"--from it only the artefacts into a small runtime stage.",
	Bad: "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]",
	Good: "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\n" +
		"FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]",
	Check: func(p *Pass) {
		if len(p.Dockerfile.Stages) != 1 {
			return
		}
		st := p.Dockerfile.Stages[0]
		runs := map[*dockerfile.Instruction]*pkgRun{}
		for _, r := range pkgRuns(p) {
			runs[r.In] = r
		}
		for _, in := range st.InstructionsOf("run") {
			if in.Script == nil {
				continue
			}
			// The run's commands are the script's without those met
			// twice, in the same order: their calls are parsed already.
			r, next := runs[in], 0
			for _, c := range in.Script.Commands {
				var pc *pkgCall
				if r != nil && next < len(r.Cmds) && r.Cmds[next] == c {
					pc = r.CallOf[next]
					next++
				} else {
					pc = parsePkgCall(c)
				}
				if what, w, ok := buildStep(c, pc); ok {
					p.Reportf(w.Range, "the only stage %s; build in a separate stage and copy the result into a runtime image", what)
					return
				}
			}
		}
	},
}

// osPackageFamilies are the package managers of Linux distributions.
var osPackageFamilies = map[string]bool{famApt: true, famApk: true, famYum: true, famDnf: true, famZypper: true}

// toolchainPackages are packages that install a compiler toolchain.
var toolchainPackages = map[string]bool{
	"build-essential": true, "build-base": true, "gcc": true, "g++": true, "clang": true,
	"make": true, "cmake": true, "gcc-c++": true, "golang": true, "rustc": true, "cargo": true,
	"maven": true, "gradle": true, "default-jdk": true, "openjdk-17-jdk": true, "openjdk-21-jdk": true,
}

// buildStep reports whether c, whose package-manager call is pc (nil for
// none), compiles code or installs a toolchain, with a description and the
// word to point at.
func buildStep(c *shell.Command, pc *pkgCall) (string, shell.Word, bool) {
	first, second := "", ""
	if len(c.Args) > 0 {
		first = c.Args[0].Value
	}
	if len(c.Args) > 1 {
		second = c.Args[1].Value
	}
	switch {
	case c.Is("go") && (first == "build" || first == "install"):
		return "compiles Go code", c.Name, true
	case c.Is("gcc", "g++", "cc", "c++", "clang", "clang++", "rustc", "javac"):
		return "runs the compiler " + c.Base(), c.Name, true
	case c.Is("make", "cmake", "ninja") && first != "--version":
		return "runs " + c.Base(), c.Name, true
	case c.Is("cargo") && (first == "build" || first == "install"):
		return "compiles Rust code", c.Name, true
	case c.Is("mvn", "mvnw") && first != "" && first != "--version":
		return "runs a Maven build", c.Name, true
	case (c.Is("gradle", "gradlew")) && first != "" && first != "--version":
		return "runs a Gradle build", c.Name, true
	case c.Is("npm", "yarn", "pnpm") && (first == "run" && second == "build" || first == "build"):
		return "runs " + c.Base() + " build", c.Name, true
	case c.Is("dotnet") && (first == "build" || first == "publish"):
		return "runs dotnet " + first, c.Name, true
	}
	// System packages only: a pip or npm package named "make" is not a compiler.
	if pc != nil && osPackageFamilies[pc.Family] {
		for _, t := range pc.Targets() {
			name, _, _ := strings.Cut(t.Word.Value, "=")
			if i := strings.IndexAny(name, "<>~"); i >= 0 {
				name = name[:i]
			}
			if toolchainPackages[name] {
				return "installs the build toolchain package " + t.Word.Value, t.Word, true
			}
		}
	}
	return "", shell.Word{}, false
}

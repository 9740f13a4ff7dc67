package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var sdkBaseImage = &Rule{
	ID: "DL5002", Name: "sdk-base-image", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagSize},
	Summary: "The final image is based on an SDK image",
	Doc: "Images such as golang, rust, maven, gradle, a JDK or the .NET SDK exist to build code. " +
		"As the base of the image that ships they add hundreds of megabytes of compilers and tools. " +
		"Build with the SDK in an earlier stage and base the final stage on a runtime image " +
		"(a JRE, the .NET runtime or aspnet image, distroless, alpine or a slim variant). Only the " +
		"final stage is judged, following `FROM <stage>` chains.",
	Bad: "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -q package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]",
	Good: "FROM maven:3.9-eclipse-temurin-21 AS build\nCOPY . .\nRUN mvn -q package\n\n" +
		"FROM eclipse-temurin:21-jre\nCOPY --from=build target/app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]",
	Check: func(p *Pass) {
		final := p.FinalStage()
		if final == nil {
			return
		}
		im := final.Root().Image
		if !im.IsImage() {
			return
		}
		if runtime, ok := sdkImage(im); ok {
			p.Reportf(im.Range, "the final image is based on the SDK image %q; use %s", im.Expanded, runtime)
		}
	},
}

// sdkImage reports whether im is a build SDK image, and what to use instead.
func sdkImage(im dockerfile.Image) (string, bool) {
	name := im.Name()
	tag := strings.ToLower(im.Tag)
	switch name {
	case "golang", "rust":
		return "a distroless, alpine or debian-slim runtime stage", true
	case "maven", "gradle":
		return "a JRE image such as eclipse-temurin:<version>-jre", true
	case "eclipse-temurin", "sapmachine", "ibm-semeru-runtimes", "openjdk", "amazoncorretto":
		if strings.Contains(tag, "jre") {
			return "", false
		}
		if name == "eclipse-temurin" || name == "sapmachine" {
			return "the " + name + " JRE variant", true
		}
		return "a JRE image such as eclipse-temurin:<version>-jre", true
	case "mcr.microsoft.com/dotnet/sdk":
		return "mcr.microsoft.com/dotnet/runtime or mcr.microsoft.com/dotnet/aspnet", true
	case "gcc":
		return "a runtime image with only the built binary", true
	}
	return "", false
}

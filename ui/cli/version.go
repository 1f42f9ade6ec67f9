package cli

import (
	"fmt"
	"runtime/debug"
)

// Version, Commit and Date describe the build. A release sets them with
// -ldflags "-X styrka/ui/cli.Version=v1.2.0 -X styrka/ui/cli.Commit=… -X
// styrka/ui/cli.Date=…" (see .ci/release); those left empty come from the
// build information Go stamps into the binary: the module version (set by
// go install, and by go build from a git checkout), the commit and its time
// (unless built with -buildvcs=false). What is still unknown says so.
var (
	Version string
	Commit  string
	Date    string
)

// build is what is known of how this styrka was built; "" is unknown.
type build struct{ version, commit, date string }

// versionLine is what `styrka --version` prints, in the user's language.
func (a *App) versionLine() string {
	bi, _ := debug.ReadBuildInfo()
	return describeBuild(Version, Commit, Date, bi).line(a.T)
}

// line is "styrka version VERSION (commit COMMIT, DATE)".
func (b build) line(t func(string, ...any) string) string {
	commit, date := b.commit, b.date
	if commit == "" {
		commit = t("version.unknown.commit")
	}
	if date == "" {
		date = t("version.unknown.date")
	}
	// The line's shape is the same in every language, for scripts.
	return fmt.Sprintf("styrka version %s (commit %s, %s)", orElse(b.version, "dev"), commit, date)
}

// describeBuild takes the values set at link time, falling back to bi
// (nil when there is none).
func describeBuild(version, commit, date string, bi *debug.BuildInfo) build {
	if bi != nil {
		if version == "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		settings := map[string]string{}
		for _, s := range bi.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; commit == "" && rev != "" {
			commit = rev[:min(len(rev), 12)]
			if settings["vcs.modified"] == "true" {
				commit += "+dirty"
			}
		}
		if date == "" {
			date = settings["vcs.time"]
		}
	}
	return build{version, commit, date}
}

func orElse(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

package cli

import (
	"runtime/debug"
	"testing"

	"styrka/assets"
)

func TestDescribeBuild(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "658296af6bbe0123456789abcdef0123456789ab"},
			{Key: "vcs.time", Value: "2026-08-23T10:00:00Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	tests := []struct {
		name                  string
		version, commit, date string // as set with -ldflags -X
		bi                    *debug.BuildInfo
		want                  string
	}{
		{"no build info", "", "", "", nil,
			"dev (commit unknown, date unknown)"},
		{"go build -buildvcs=false", "", "", "", &debug.BuildInfo{Main: debug.Module{Path: "styrka", Version: "(devel)"}},
			"dev (commit unknown, date unknown)"},
		{"go install of a tagged version", "", "", "", &debug.BuildInfo{Main: debug.Module{Path: "styrka", Version: "v1.2.0"}},
			"v1.2.0 (commit unknown, date unknown)"},
		{"go build in a clean checkout", "", "", "", &debug.BuildInfo{Main: debug.Module{Path: "styrka", Version: "v0.0.0-20260823100000-658296af6bbe"}, Settings: vcs("false")},
			"v0.0.0-20260823100000-658296af6bbe (commit 658296af6bbe, 2026-08-23T10:00:00Z)"},
		{"go build with local changes", "", "", "", &debug.BuildInfo{Main: debug.Module{Path: "styrka", Version: "(devel)"}, Settings: vcs("true")},
			"dev (commit 658296af6bbe+dirty, 2026-08-23T10:00:00Z)"},
		{"ldflags win", "v2.0.0", "abc1234", "2026-09-01T00:00:00Z", &debug.BuildInfo{Main: debug.Module{Path: "styrka", Version: "v1.2.0"}, Settings: vcs("true")},
			"v2.0.0 (commit abc1234, 2026-09-01T00:00:00Z)"},
		{"ldflags version only", "v2.0.0", "", "", &debug.BuildInfo{Main: debug.Module{Path: "styrka", Version: "(devel)"}, Settings: vcs("false")},
			"v2.0.0 (commit 658296af6bbe, 2026-08-23T10:00:00Z)"},
		{"short revision", "", "", "", &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}},
			"dev (commit abc, date unknown)"},
	}
	en := assets.MustBuiltin("en")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeBuild(tt.version, tt.commit, tt.date, tt.bi).line(en.T); got != "styrka version "+tt.want {
				t.Errorf("describeBuild = %q\nwant            %q", got, tt.want)
			}
		})
	}
}

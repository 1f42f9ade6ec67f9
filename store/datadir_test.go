package store_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"styrka/store"
)

// TestDefaultPath runs each platform's rows on that platform: the data
// folder comes from github.com/adrg/xdg, whose rules are compiled per
// platform. HOME is a folder with a space and Swedish letters.
func TestDefaultPath(t *testing.T) {
	if store.EnvDB != "STYRKA_DB" {
		t.Errorf("EnvDB = %q", store.EnvDB)
	}
	home := filepath.Join(t.TempDir(), "Åsa Öberg")
	other := filepath.Join(t.TempDir(), "Delad data")
	tests := []struct {
		goos, name string
		env        map[string]string // "" unsets
		want       string            // under the data folder; "" wants an error
	}{
		{"linux", "XDG_DATA_HOME set", map[string]string{"XDG_DATA_HOME": other}, other},
		{"linux", "XDG_DATA_HOME unset", map[string]string{"XDG_DATA_HOME": ""}, filepath.Join(home, ".local", "share")},
		{"linux", "XDG_DATA_HOME relative is ignored", map[string]string{"XDG_DATA_HOME": "relative/dir"}, filepath.Join(home, ".local", "share")},
		{"linux", "XDG_DATA_HOME with ~ is expanded", map[string]string{"XDG_DATA_HOME": "~/data"}, filepath.Join(home, "data")},
		{"linux", "no home folder", map[string]string{"XDG_DATA_HOME": "", "HOME": ""}, ""},
		{"linux", "no home folder but XDG_DATA_HOME", map[string]string{"XDG_DATA_HOME": other, "HOME": ""}, other},

		{"darwin", "Application Support", map[string]string{"XDG_DATA_HOME": ""}, filepath.Join(home, "Library", "Application Support")},
		{"darwin", "XDG_DATA_HOME relative is ignored", map[string]string{"XDG_DATA_HOME": "relative/dir"}, filepath.Join(home, "Library", "Application Support")},
		{"darwin", "XDG_DATA_HOME set", map[string]string{"XDG_DATA_HOME": other}, other},

		// Windows asks the system for the Local AppData known folder before
		// LOCALAPPDATA, so the machine's own value is expected.
		{"windows", "Local AppData", map[string]string{"XDG_DATA_HOME": ""}, os.Getenv("LOCALAPPDATA")},
		{"windows", "XDG_DATA_HOME set", map[string]string{"XDG_DATA_HOME": other}, other},
	}
	for _, tt := range tests {
		t.Run(tt.goos+"/"+tt.name, func(t *testing.T) {
			if tt.goos != runtime.GOOS {
				t.Skipf("runs on %s", tt.goos)
			}
			t.Setenv("HOME", home)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			got, err := store.DefaultPath()
			if tt.want == "" {
				if err == nil {
					t.Fatalf("DefaultPath = %q, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(tt.want, "styrka", "styrka.db"); got != want {
				t.Errorf("DefaultPath = %q, want %q", got, want)
			}
		})
	}
}

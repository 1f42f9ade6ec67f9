package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSettingsThroughTheBinary: a workshop's band, base currency and rates
// are set with `styrka settings`, survive in the database, and change what
// the report says; bad values are one sentence and exit 2.
func TestSettingsThroughTheBinary(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "sv_SE.UTF-8", "demo")

	shown := mustRun(t, db, "sv_SE.UTF-8", "settings")
	if !strings.Contains(shown.stdout, "marginal ±0,25") || !strings.Contains(shown.stdout, "basvaluta: ingen") {
		t.Errorf("settings before: %q", shown.stdout)
	}
	md := mustRun(t, db, "sv_SE.UTF-8", "report")
	if !strings.Contains(md.stdout, "På gränsen") || !strings.Contains(md.stdout, "◐") {
		t.Error("the demo report does not show anyone on the line")
	}

	saved := mustRun(t, db, "sv_SE.UTF-8", "settings", "--band", "0", "--currency", "eur", "--rate", "SEK=0,0871")
	if !strings.Contains(saved.stdout, "Sparat.") || !strings.Contains(saved.stdout, "1 SEK = 0,0871 EUR") {
		t.Errorf("settings saved: %q", saved.stdout)
	}
	again := mustRun(t, db, "en_GB.UTF-8", "settings")
	if !strings.Contains(again.stdout, "band ±0.00") || !strings.Contains(again.stdout, "base currency: EUR") {
		t.Errorf("settings not kept: %q", again.stdout)
	}
	md = mustRun(t, db, "en_GB.UTF-8", "report")
	for _, want := range []string{"The band around the cut-offs is off", "Revenue is compared in EUR. Converted at 1 SEK = 0.0871 EUR."} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(md.stdout, "◐") {
		t.Error("with the band off, the report still marks customers on the line")
	}

	for _, bad := range [][]string{{"--band", "2"}, {"--band", "x"}, {"--currency", "euro"}, {"--rate", "EUR"}, {"--rate", "EUR=-1"}} {
		r := run(t, db, "en_GB.UTF-8", append([]string{"settings"}, bad...)...)
		if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || r.stderr == "" {
			t.Errorf("settings %v: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
}

// TestDemoSpeaksTheLanguageInUse: a demo created in English shows Swedish
// offerings in a Swedish session, and the other way round.
func TestDemoSpeaksTheLanguageInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	sv := mustRun(t, db, "sv_SE.UTF-8", "report", "--customer", "Mälarö")
	if !strings.Contains(sv.stdout, "Kundanpassade hydraulcylindrar") || strings.Contains(sv.stdout, "Custom hydraulic cylinders") {
		t.Errorf("Swedish brief of an English demo:\n%s", sv.stdout[:min(len(sv.stdout), 400)])
	}
	en := mustRun(t, db, "en_GB.UTF-8", "report", "--customer", "Mälarö")
	if !strings.Contains(en.stdout, "Custom hydraulic cylinders") {
		t.Error("English brief lost its English offering")
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// changeDemo changes the demo behind styrka's back, as a later workshop
// round would: Rydéns' supply risk falls to 1, and two actions are
// planned for it.
func changeDemo(t *testing.T, db string) {
	t.Helper()
	s, err := store.Open(db, store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ds, err := s.Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	var rydens string
	for _, c := range ds.Customers {
		if c.Name == "Rydéns Mekaniska AB" {
			rydens = c.ID
		}
	}
	for _, q := range assets.MustBuiltin("en").Questions() {
		if q.Dimension == model.SupplyRisk {
			if err := s.SaveAnswer(assets.DemoID, model.Answer{CustomerID: rydens, QuestionID: q.ID, Score: 1, Author: "e2e"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	err = s.PutActions(assets.DemoID, []model.Action{
		{CustomerID: rydens, Kind: model.Start, Text: "Price on cost to serve", Owner: "Anna", Due: "2020-01-31", Status: model.StatusOpen},
		{CustomerID: rydens, Kind: model.Stop, Text: "Free expedited freight", Owner: "Bo", Status: model.StatusDone},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRoundCloseRoundsAndCompare(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")

	none := mustRun(t, db, "en_GB.UTF-8", "rounds")
	if !strings.Contains(none.stdout, "no closed round yet") {
		t.Errorf("rounds without any: %q", none.stdout)
	}
	if r := run(t, db, "en_GB.UTF-8", "report", "--compare", "1"); r.code != 1 || !strings.Contains(r.stderr, "no closed round to compare with") {
		t.Errorf("--compare without a round: exit %d, %q", r.code, r.stderr)
	}

	closed := mustRun(t, db, "en_GB.UTF-8", "round", "close", "--name", "Autumn review")
	if !strings.Contains(closed.stdout, "Closed round 1, “Autumn review”") || !strings.Contains(closed.stdout, fmt.Sprintf("(customers: %d, placed: %d)", demoCustomers, demoCustomers)) || !strings.Contains(closed.stdout, "round 2") {
		t.Errorf("round close said %q", closed.stdout)
	}
	changeDemo(t, db)

	list := mustRun(t, db, "en_GB.UTF-8", "rounds", "-w", "Demo")
	lines := strings.Split(strings.TrimSpace(list.stdout), "\n")
	if len(lines) != 4 { // header, rule, round 1, now
		t.Fatalf("rounds lists %d lines:\n%s", len(lines), list.stdout)
	}
	if !strings.Contains(lines[2], "Autumn review") || !strings.Contains(lines[3], "now (open)") || !strings.HasSuffix(strings.TrimSpace(lines[3]), "1") {
		t.Errorf("rounds:\n%s", list.stdout)
	}

	md := mustRun(t, db, "en_GB.UTF-8", "report", "--compare", "1")
	for _, want := range []string{
		"# Demo: changes since round 1, “Autumn review”",
		fmt.Sprintf("1 of %d customers changed", demoCustomers),
		"| Rydéns Mekaniska AB | We dominate | Independence |",
		"| Rydéns Mekaniska AB | Strategic → Leverage | Nuisance | P3 → P4 |",
		"### Rydéns Mekaniska AB",
		"What would it cost them, in money and time, to replace you?: Don't know → 1",
	} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("--compare lacks %q:\n%s", want, md.stdout)
		}
	}

	js := mustRun(t, db, "en_GB.UTF-8", "report", "--compare", "autumn review", "--format", "json")
	var doc struct {
		Format  string
		Round   struct{ Number int }
		Changes []model.CustomerChange
	}
	if err := json.Unmarshal([]byte(js.stdout), &doc); err != nil {
		t.Fatalf("--compare --format json: %v\n%s", err, js.stdout)
	}
	if doc.Format != "styrka-compare" || doc.Round.Number != 1 || len(doc.Changes) != 1 || doc.Changes[0].Regime.To != model.Independence {
		t.Errorf("compare document %+v", doc)
	}

	// With -c, one customer; a file with -o.
	out := filepath.Join(t.TempDir(), "compare.md")
	mustRun(t, db, "en_GB.UTF-8", "report", "--compare", "1", "-c", "Mälarö", "-o", out)
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), "0 of 1 customers changed") {
		t.Errorf("--compare -c Mälarö -o: %v\n%s", err, data)
	}

	for _, tt := range []struct {
		args   []string
		code   int
		expect string
	}{
		{[]string{"report", "--compare", "7"}, 1, "There is no round “7” in Demo; the rounds are: round 1, “Autumn review”"},
		{[]string{"report", "--compare", "1", "--format", "svg"}, 2, "--compare writes md or json"},
		{[]string{"report", "--format", "csv", "--actions", "--answers"}, 2, "Choose one of --answers, --actions and --rounds"},
		{[]string{"report", "--actions"}, 2, "only to --format csv"},
		{[]string{"round", "close", "extra"}, 2, "takes no arguments"},
	} {
		r := run(t, db, "en_GB.UTF-8", tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.expect) {
			t.Errorf("styrka %v: exit %d, %q; want exit %d and %q", tt.args, r.code, r.stderr, tt.code, tt.expect)
		}
		oneSentence(t, r.stderr)
	}

	// A second round in Swedish gets the next number.
	sv := mustRun(t, db, "sv_SE.UTF-8", "round", "close")
	if !strings.Contains(sv.stdout, "Stängde omgång 2") {
		t.Errorf("round close in Swedish: %q", sv.stdout)
	}
}

func TestActionsAndRoundsInTheReports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "sv_SE.UTF-8", "demo")
	mustRun(t, db, "sv_SE.UTF-8", "round", "close")
	changeDemo(t, db)

	csv := mustRun(t, db, "sv_SE.UTF-8", "report", "--format", "csv", "--actions")
	rows := strings.Split(strings.TrimSpace(strings.TrimPrefix(csv.stdout, "\ufeff")), "\r\n")
	if len(rows) != 3 || !strings.HasPrefix(rows[0], "Klart senast;Kund;Typ;Åtgärd;Ansvarig;Tillstånd") || !strings.HasPrefix(rows[1], "2020-01-31;Rydéns Mekaniska AB;Starta;Price on cost to serve;Anna;öppen;1") {
		t.Errorf("--actions:\n%s", csv.stdout)
	}
	rounds := mustRun(t, db, "sv_SE.UTF-8", "report", "--format", "csv", "--rounds")
	if n := strings.Count(rounds.stdout, "\r\n"); n != 1+demoCustomers {
		t.Errorf("--rounds has %d lines, want a header and %d customers:\n%s", n, demoCustomers, rounds.stdout)
	}

	md := mustRun(t, db, "sv_SE.UTF-8", "report")
	for _, want := range []string{"## Åtgärdsplan", "**⚠ öppen, försenad**", "## Sedan omgång 1", "| Rydéns Mekaniska AB | Vi dominerar → Oberoende |"} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	brief := mustRun(t, db, "sv_SE.UTF-8", "report", "-c", "Rydéns")
	for _, want := range []string{"## Sedan omgång 1", "- **Styrkeförhållande:** Vi dominerar → Oberoende", "## Åtgärdsplan", "Free expedited freight"} {
		if !strings.Contains(brief.stdout, want) {
			t.Errorf("the brief lacks %q", want)
		}
	}

	xlsx := filepath.Join(t.TempDir(), "demo.xlsx")
	mustRun(t, db, "sv_SE.UTF-8", "report", "--format", "xlsx", "-o", xlsx)
	if fi, err := os.Stat(xlsx); err != nil || fi.Size() == 0 {
		t.Errorf("xlsx: %v", err)
	}

	// Export → import → export is identical, actions and rounds included.
	first := mustRun(t, db, "en_GB.UTF-8", "report", "--format", "json")
	var doc struct {
		Version int
		Actions []model.Action
		Rounds  []model.Round
	}
	if err := json.Unmarshal([]byte(first.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 4 || len(doc.Actions) != 2 || len(doc.Rounds) != 1 || len(doc.Rounds[0].Customers) != demoCustomers {
		t.Fatalf("export: version %d, %d actions, %d rounds", doc.Version, len(doc.Actions), len(doc.Rounds))
	}
	file := writeFile(t, "demo.json", []byte(first.stdout))
	empty := filepath.Join(t.TempDir(), "empty.db")
	mustRun(t, empty, "en_GB.UTF-8", "import", file)
	second := mustRun(t, empty, "en_GB.UTF-8", "report", "--format", "json")
	if first.stdout != second.stdout {
		t.Fatal("export → import → export differs with actions and rounds")
	}
	if r := mustRun(t, empty, "en_GB.UTF-8", "check"); !strings.Contains(r.stdout, "OK") {
		t.Errorf("check after import: %q", r.stdout)
	}
}

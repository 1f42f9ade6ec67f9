package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"styrka/assets"
)

type named struct{ id, name string }

func namedKey(n named) (string, string) { return n.id, n.name }

func TestMatch(t *testing.T) {
	items := []named{{"1", "Demo"}, {"2", "demo"}, {"3", "Nordö Pumpteknik AB"}, {"4", "nordö pumpteknik ab"}, {"5", "Gränsö Marin AB"}, {"6", "Twin"}, {"7", "Twin"}}
	tests := []struct {
		want    string
		partial bool
		ids     string
		stage   matchStage
	}{
		{"demo", false, "2", matchExact},
		{"Demo", false, "1", matchExact},
		{"DEMO", false, "1 2", matchCase},
		{"3", false, "3", matchExact},
		{"NORDÖ PUMPTEKNIK AB", true, "3 4", matchCase},
		{"Pumpteknik", true, "3 4", matchPart},
		{"Pumpteknik", false, "", matchCase},
		{"gränsö", true, "5", matchPart},
		{"Twin", true, "6 7", matchExact},
		{"Nobody", true, "", matchNone},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			hits, stage := match(items, tt.want, namedKey, tt.partial)
			var ids []string
			for _, h := range hits {
				ids = append(ids, h.id)
			}
			if got := strings.Join(ids, " "); got != tt.ids || stage != tt.stage {
				t.Errorf("match(%q) = %q stage %d, want %q stage %d", tt.want, got, stage, tt.ids, tt.stage)
			}
		})
	}
}

func TestFitColumns(t *testing.T) {
	cols := []column{
		{Title: "#"},
		{Title: "Customer", Min: 12},
		{Title: "Priority", Short: "P"},
		{Title: "Power balance", Min: 10},
		{Title: "Set A", Short: "A", Drop: 11},
		{Title: "Set B", Short: "B", Drop: 10},
		{Title: "How they see us", Min: 8, Drop: 3},
		{Title: "How we see them", Min: 8, Drop: 2},
		{Title: "Room to move", Drop: 1},
	}
	rows := [][]string{{"12", "Lindqvist Maskinuthyrning AB", "P1", "Customer dominates", "10/10", "10/10", "Non-critical", "Exploitable", "−1,9"}}
	tests := []struct {
		width int
		shown string // titles of the columns kept
	}{
		{0, "# Customer Priority Power balance Set A Set B How they see us How we see them Room to move"},
		{200, "# Customer Priority Power balance Set A Set B How they see us How we see them Room to move"},
		{120, "# Customer Priority Power balance Set A Set B How they see us How we see them"},
		{80, "# Customer P Power balance Set A Set B"},
		{60, "# Customer P Power balance A B"},
		{50, "# Customer P Power balance A"},
		{40, "# Customer P Power balance"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			titles, widths := fitColumns(cols, rows, tt.width)
			var shown []string
			total := -1
			for i, w := range widths {
				if w > 0 {
					shown = append(shown, titles[i])
					total += w + 3
					if cols[i].Min > 0 && w < cols[i].Min {
						t.Errorf("%s is %d wide, below its minimum %d", titles[i], w, cols[i].Min)
					}
				}
			}
			if got := strings.Join(shown, " "); got != tt.shown {
				t.Errorf("columns %q, want %q", got, tt.shown)
			}
			if tt.width > 0 && total > tt.width {
				t.Errorf("%d cells wide, the terminal has %d", total, tt.width)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"leave them out with --no-descriptions now", 24, "leave them out with\n--no-descriptions now"},
		{"åäö åäö åäö", 7, "åäö åäö\nåäö"},
		{"abcdefghij", 4, "abcd\nefgh\nij"},
		{"one\ntwo", 10, "one\ntwo"},
	}
	for _, tt := range tests {
		got := wrap(tt.in, tt.width)
		if got != tt.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > tt.width {
				t.Errorf("wrap(%q, %d): line %q too wide", tt.in, tt.width, l)
			}
		}
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"mapp", "map", 1}, {"mapp", "man", 2}, {"", "abc", 3}, {"bsh", "bash", 1}, {"worksop", "workshop", 1}, {"kund", "kund", 0}} {
		if d := levenshtein(tt.a, tt.b); d != tt.d {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
	}
}

func TestRoffText(t *testing.T) {
	for in, want := range map[string]string{
		".SH injected":   `\&.SH injected`,
		"'quoted":        `\&'quoted`,
		`back\slash`:     `back\eslash`,
		"--no-descr":     `\-\-no\-descr`,
		"a. b":           "a. b",
		"Åhléns Möbel":   "Åhléns Möbel",
		"%LOCALAPPDATA%": "%LOCALAPPDATA%",
	} {
		if got := roffText(in); got != want {
			t.Errorf("roffText(%q) = %q, want %q", in, got, want)
		}
	}
}

// run runs the command line with args in lang, without a terminal.
func runApp(lang string, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	a := &App{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		switch k {
		case "LANG":
			return lang
		case "STYRKA_DB":
			return "/nonexistent/styrka-test/s.db"
		}
		return ""
	}}
	code = a.Run(context.Background(), args)
	return out.String(), errb.String(), code
}

func TestHelpHeadingsAreTranslated(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		c := assets.MustBuiltin(lang)
		out, _, code := runApp(lang, "--help")
		if code != 0 {
			t.Fatalf("%s: exit %d", lang, code)
		}
		for _, key := range []string{"help.usage", "help.commands", "help.flags.app", "help.flags.global"} {
			if !strings.Contains(out, strings.ToUpper(c.T(key))) {
				t.Errorf("%s: help lacks the heading %q:\n%s", lang, c.T(key), out)
			}
		}
	}
}

func BenchmarkHelp(b *testing.B) {
	for _, lang := range []string{"en", "sv"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				runApp(lang, "report", "--help")
			}
		})
	}
}

func BenchmarkUsageError(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		runApp("sv", "map", "--width", "abc")
	}
}

func BenchmarkFitColumns1000(b *testing.B) {
	cols := []column{{Title: "#"}, {Title: "Customer", Min: 12}, {Title: "Priority", Short: "P"}, {Title: "Power balance", Min: 10},
		{Title: "Set A", Drop: 11}, {Title: "Set B", Drop: 10}, {Title: "How they see us", Min: 8, Drop: 3}, {Title: "How we see them", Min: 8, Drop: 2}, {Title: "Room", Drop: 1}}
	rows := make([][]string, 1000)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i + 1), fmt.Sprintf("Kund %d Maskinuthyrning AB", i), "P2", "Ömsesidigt beroende", "10/10", "10/10", "Strategisk", "Kärnkund", "+0,8"}
	}
	b.ReportAllocs()
	for b.Loop() {
		fitColumns(cols, rows, 80)
	}
}

package report_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"styrka/report"
)

func handout(t testing.TB, in report.Input, customer string) string {
	t.Helper()
	var b strings.Builder
	if err := report.WriteHandout(&b, in, customer); err != nil {
		t.Fatalf("WriteHandout: %v", err)
	}
	return b.String()
}

func TestHandoutGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			golden.RequireEqual(t, handout(t, demoInput(t, lang), ""))
		})
	}
}

// TestHandoutStructure: every question of both sets, in order, with its
// help, its five anchors as boxes to tick, "Don't know" and a line for
// the evidence.
func TestHandoutStructure(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := demoInput(t, lang)
			c := in.Content
			md := handout(t, in, "Åkerlunds Järnhandel AB")
			if !strings.HasPrefix(md, "# "+c.T("handout.title.workshop", "Demo")+"\n") {
				t.Errorf("title: %q", md[:min(len(md), 80)])
			}
			if !strings.Contains(md, c.T("handout.customer")+" **Åkerlunds Järnhandel AB**") {
				t.Error("the customer is not filled in")
			}
			last := 0
			for _, set := range c.QuestionSets() {
				if !strings.Contains(md, set.Intro) {
					t.Errorf("set %s: no intro", set.ID)
				}
				for _, q := range set.Questions {
					i := strings.Index(md, ". "+q.Text+"\n")
					if i < last {
						t.Fatalf("question %s missing or out of order", q.ID)
					}
					last = i
					rest := md[i:]
					if end := strings.Index(rest[1:], "\n### "); end > 0 {
						rest = rest[:end+1]
					}
					if !strings.Contains(rest, "*"+q.Help+"*") {
						t.Errorf("%s: no help", q.ID)
					}
					if n := strings.Count(rest, "- [ ] **"); n != 5 {
						t.Errorf("%s: %d anchors, want 5", q.ID, n)
					}
					for _, a := range q.Anchors {
						if !strings.Contains(rest, a) {
							t.Errorf("%s: anchor %q missing", q.ID, a)
						}
					}
					if !strings.Contains(rest, "- [ ] "+c.T("answer.dontknow")+"\n") {
						t.Errorf("%s: no Don't know", q.ID)
					}
					if !strings.Contains(rest, c.T("label.evidence")+": ____") {
						t.Errorf("%s: no line for notes", q.ID)
					}
				}
			}
		})
	}
}

// TestHandoutWithoutWorkshop: the handout needs only the questions.
func TestHandoutWithoutWorkshop(t *testing.T) {
	in := demoInput(t, "en")
	in.Dataset = report.Input{}.Dataset
	md := handout(t, in, "")
	if !strings.HasPrefix(md, "# "+in.Content.T("handout.title")+"\n") {
		t.Errorf("title: %q", md[:min(len(md), 80)])
	}
}

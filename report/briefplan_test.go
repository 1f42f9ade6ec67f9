package report_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"styrka/model"
)

// TestPlanningBriefGolden: the brief of a customer with a buying centre,
// a worksheet, a target with actions and a round, and answers confirmed
// and estimated.
func TestPlanningBriefGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, cid := plannedInput(t, lang)
			golden.RequireEqual(t, brief(t, in, cid))
		})
	}
}

func TestPlanningBriefSections(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, cid := plannedInput(t, lang)
			c := in.Content
			md := brief(t, in, cid)
			for _, want := range []string{
				"## " + c.T("brief.centre"), "## " + c.T("brief.worksheet"), "## " + c.T("brief.target"),
				c.T("centre.warn.no_economic_buyer"), c.T("centre.warn.stale", "2026-05-02"),
				"Åsa Lind", "Treårsavtal, +3 % på stålpriset", c.T("tactics.leverage"),
				"[x] ", "Eva Ek, 2026-11-12", c.T("check.estimate"), c.T("source.customer"),
				"Erbjud konsignationslager", c.T("target.progress"),
			} {
				if !strings.Contains(md, want) {
					t.Errorf("the brief has no %q", want)
				}
			}
			// Where the customer dominates and nobody beyond purchasing is
			// known, the brief says so.
			in.Dataset.Stakeholders = in.Dataset.Stakeholders[:1]
			if md := brief(t, in, cid); !strings.Contains(md, c.T("centre.warn.only_purchasing")) {
				t.Error("no warning for a buying centre of purchasing only")
			}
			// A hostile name reaches no terminal as an escape sequence.
			in.Dataset.Stakeholders[0].Name = "Evil\x1b]0;pwned\x07 Name"
			if md := brief(t, in, cid); strings.ContainsRune(md, 0x1b) || strings.ContainsRune(md, 0x07) {
				t.Error("an escape sequence reached the brief")
			}
			in.Dataset.Targets[0].Kraljic, in.Dataset.Targets[0].Pref = model.Leverage, model.Core
			if md := brief(t, in, cid); !strings.Contains(md, c.T("target.met")) {
				t.Error("a target the customer is in is not met")
			}
		})
	}
}

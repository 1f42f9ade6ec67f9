package assets

import (
	"regexp"
	"strings"
	"testing"

	"styrka/model"
)

// TestSwedishWording: the words a Swedish sales director would stumble on
// are gone, and the terms the method settles on are used.
func TestSwedishWording(t *testing.T) {
	sv := MustBuiltin("sv")
	raw, err := Raw("sv")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		"prestryck", "kundunderlag", "Lågprioriterad", "lågprioriterad", "inköparens stol", "egna böcker",
		"plånbok", "växa kundkontot", "leverera avtalet", "Små pengar", "små pengar", "passform", " tekniker", "Tekniker",
		"bredda åtagandet", "förankring", "kostnaden för att betjäna", "varav", "uppsättning", "frågeset",
		"tyst omgång", "tysta omgång", "snabbomgång", "Snabbomgång",
	} {
		for _, f := range texts(t, sv) {
			if strings.Contains(f.value, bad) {
				t.Errorf("sv %s: %q in %q", f.path, bad, f.value)
			}
		}
		if strings.Contains(string(raw), bad) {
			t.Errorf("sv.yaml still says %q somewhere (comments included)", bad)
		}
		for _, txt := range demoSwedish(t) {
			if strings.Contains(txt, bad) {
				t.Errorf("demo: %q in %q", bad, txt)
			}
		}
	}
	// A question set is a frågedel, never a bare "del A".
	bareDel := regexp.MustCompile(`(^|[^[:alpha:]åäöÅÄÖ])[Dd]el [AB%]`)
	for _, f := range texts(t, sv) {
		if bareDel.MatchString(f.value) {
			t.Errorf("sv %s: a bare \"del\" for a question set in %q", f.path, f.value)
		}
	}
	for _, term := range []string{"förhandlingsunderlag", "betjäningskostnad", "frågedel", "tyst bedömning", "kundandel", "Lågvärdeskund", "konstruktörer"} {
		if !strings.Contains(strings.ToLower(string(raw)), strings.ToLower(term)) {
			t.Errorf("sv.yaml does not use %q", term)
		}
	}
}

// TestCellsHaveTheirOwnAdvice: every cell has a message and negotiation of
// its own, not its regime's and not another cell's, and every activity of
// the built-in content has a first step.
func TestCellsHaveTheirOwnAdvice(t *testing.T) {
	for lang, c := range builtins(t) {
		t.Run(lang, func(t *testing.T) {
			msgs, negs := map[string]string{}, map[string]string{}
			for _, cell := range model.Cells() {
				k := cell.Key()
				ct := c.Cells[k]
				rt := c.Regimes[cell.Regime()]
				if ct.Message == rt.Message || ct.Negotiation == rt.Negotiation {
					t.Errorf("%s: shares its regime's message or negotiation", k)
				}
				if other, dup := msgs[ct.Message]; dup {
					t.Errorf("%s and %s share the message %q", k, other, ct.Message)
				}
				if other, dup := negs[ct.Negotiation]; dup {
					t.Errorf("%s and %s share the negotiation %q", k, other, ct.Negotiation)
				}
				msgs[ct.Message], negs[ct.Negotiation] = k, k
				firstSteps(t, "cells."+k, ct.Advice)
			}
			for r, rt := range c.Regimes {
				firstSteps(t, "regimes."+string(r), rt.Advice)
			}
			// The growth accounts of Independence are not told to skip
			// negotiating.
			for _, k := range []string{"leverage-development", "noncritical-development"} {
				if neg := c.Cells[k].Negotiation; strings.Contains(strings.ToLower(neg), "small deals") || strings.Contains(neg, "små affärer") {
					t.Errorf("%s: a growth account told not to negotiate: %q", k, neg)
				}
			}
		})
	}
}

func firstSteps(t *testing.T, where string, a Advice) {
	t.Helper()
	for _, list := range [][]string{a.Develop, a.Stop, a.Start} {
		for _, act := range list {
			step := a.FirstStep(act)
			if strings.TrimSpace(step) == "" {
				t.Errorf("%s: %q has no first step", where, act)
			}
			if step == act {
				t.Errorf("%s: first step repeats the activity %q", where, act)
			}
		}
	}
}

// TestActivityForms: an activity may be a plain text or a {do, first}
// mapping, and a mapping with an unknown field is refused with its line.
func TestActivityForms(t *testing.T) {
	ok := userSets + `
cells:
  strategic-core:
    description: "Both need each other."
    message: "Talk partnership."
    negotiation: "Share the gains."
    develop:
      - "A plain activity."
      - do: "A mapped activity."
        first: "Its first step."
    stop: ["Stop this."]
    start:
      - do: "Start that."
`
	c, err := Load(writeFile(t, "ok.yaml", ok), "en")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	a := c.Cells["strategic-core"].Advice
	if got := a.Develop; len(got) != 2 || got[0] != "A plain activity." || got[1] != "A mapped activity." {
		t.Errorf("Develop = %q", got)
	}
	if a.FirstStep("A mapped activity.") != "Its first step." || a.FirstStep("A plain activity.") != "" || a.FirstStep("Start that.") != "" {
		t.Errorf("Steps = %v", a.Steps)
	}
	// The other cells keep the built-in texts and steps.
	if c.Cells["leverage-core"].FirstStep(c.Cells["leverage-core"].Develop[0]) == "" {
		t.Error("built-in first steps lost by an overlay")
	}

	bad := strings.Replace(ok, "        first: \"Its first step.\"", "        frist: \"Its first step.\"", 1)
	_, err = Load(writeFile(t, "bad.yaml", bad), "en")
	var fe *FileError
	if !asFileError(err, &fe) || fe.Problem != ProblemUnknown || fe.Line == 0 {
		t.Fatalf("Load with a misspelt field: %v, want an unknown-field error with a line", err)
	}
	if !strings.Contains(bad, "frist") || lineText(bad, fe.Line) == "" || !strings.Contains(lineText(bad, fe.Line), "frist") {
		t.Errorf("error at line %d (%q), want the line with frist", fe.Line, lineText(bad, fe.Line))
	}

	// A file from before cells had their own message keeps the built-in
	// message.
	noMsg := strings.Replace(ok, "    message: \"Talk partnership.\"\n", "", 1)
	old, err := Load(writeFile(t, "nomsg.yaml", noMsg), "en")
	if err != nil {
		t.Fatalf("an older cell without a message: %v", err)
	}
	if got, want := old.Cells["strategic-core"].Message, MustBuiltin("en").Cells["strategic-core"].Message; got != want {
		t.Errorf("message = %q, want the built-in %q", got, want)
	}
}

func lineText(s string, n int) string {
	lines := strings.Split(s, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

func asFileError(err error, fe **FileError) bool {
	e, ok := err.(*FileError)
	if ok {
		*fe = e
	}
	return ok
}

// TestRetiredQuestions: the built-in retired questions name what replaced
// them; a content file may not reuse a retired ID for a current question of
// its own retired list, but an older file that still asks a retired
// question loads, with that question current again.
func TestRetiredQuestions(t *testing.T) {
	for lang, c := range builtins(t) {
		if len(c.Retired) < 8 {
			t.Errorf("%s: %d retired questions, want the 8 this version retired", lang, len(c.Retired))
		}
		current := map[string]bool{}
		for _, q := range c.Questions() {
			current[q.ID] = true
		}
		for _, r := range c.Retired {
			if current[r.ID] {
				t.Errorf("%s: %s is both retired and asked", lang, r.ID)
			}
			for _, id := range r.ReplacedBy {
				if !current[id] {
					t.Errorf("%s: %s replaced by unknown %s", lang, r.ID, id)
				}
			}
		}
		if r, ok := c.RetiredQuestion("them.risk.alternatives"); !ok || r.Text == "" {
			t.Errorf("%s: them.risk.alternatives is not listed as retired", lang)
		}
	}

	// An older content file asking them.risk.alternatives as a question.
	old := strings.Replace(userSets, "id: mine.risk", "id: them.risk.alternatives", 1)
	c, err := Load(writeFile(t, "old.yaml", old), "en")
	if err != nil {
		t.Fatalf("an older content file asking a retired question: %v", err)
	}
	if _, ok := c.RetiredQuestion("them.risk.alternatives"); ok {
		t.Error("a question the file asks is still listed as retired")
	}
	for _, r := range c.Retired {
		if len(r.ReplacedBy) > 0 {
			t.Errorf("%s keeps replacements %v the user's sets do not have", r.ID, r.ReplacedBy)
		}
	}

	// A file's own retired list may not name one of its current IDs.
	reused := userSets + `
retired:
  - id: mine.risk
    text: "An old question."
    why: "Reworded."
`
	_, err = Load(writeFile(t, "reused.yaml", reused), "en")
	var fe *FileError
	if !asFileError(err, &fe) || fe.Problem != ProblemReused || fe.Field != "retired[8].id" {
		t.Errorf("reused ID: %v, want %s at retired[8].id", err, ProblemReused)
	}
}

// demoSwedish is every Swedish text of the demo.
func demoSwedish(t *testing.T) []string {
	t.Helper()
	d, err := LoadDemo()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range d.Customers {
		out = append(out, c.Offering.SV, c.Notes.SV)
		for _, a := range c.Answers {
			out = append(out, a.Note.SV)
		}
	}
	return out
}

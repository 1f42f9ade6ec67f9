package answer

import (
	"testing"

	"styrka/assets"
	"styrka/model"
)

func TestQuestionListModes(t *testing.T) {
	c := assets.MustBuiltin("en")
	all := c.Questions()
	both := Questions(c, Both)
	if len(both) != len(all) || both[0].Set != model.SetThem || both[len(both)-1].Set != model.SetUs {
		t.Fatalf("both: %d questions", len(both))
	}
	for _, tc := range []struct {
		mode Mode
		set  model.SetID
	}{{SetA, model.SetThem}, {SetB, model.SetUs}} {
		for _, q := range Questions(c, tc.mode) {
			if q.Set != tc.set {
				t.Fatalf("mode %d asks %s", tc.mode, q.ID)
			}
		}
	}
	quick := Questions(c, Quick)
	if len(quick) != 4 {
		t.Fatalf("quick asks %d questions", len(quick))
	}
	for i, d := range model.Dimensions {
		if quick[i].Dimension != d {
			t.Fatalf("quick question %d is %s, want dimension %s", i, quick[i].ID, d)
		}
	}
	// Content that marks no question quick still gets one per dimension.
	set := c.QuestionSets()[0]
	for i := range set.Questions {
		set.Questions[i].Quick = false
	}
	got := QuickQuestions(set)
	if len(got) != 2 || got[0].ID != set.Questions[0].ID {
		t.Fatalf("unmarked quick questions: %v", got)
	}
}

func TestPositionAndRef(t *testing.T) {
	c := assets.MustBuiltin("sv")
	list := Questions(c, Both)
	if got := Ref(c, list, 0); got != "A 1/10" {
		t.Fatalf("first: %q", got)
	}
	if got := Ref(c, list, 12); got != "B 3/10" {
		t.Fatalf("thirteenth: %q", got)
	}
	quick := Questions(c, Quick)
	if l, p, n := Position(c, quick, 3); l != "B" || p != 2 || n != 2 {
		t.Fatalf("quick fourth: %s %d/%d", l, p, n)
	}
	if ScoreLabel(c, model.DontKnow) != c.T("answer.dontknow") || ScoreLabel(c, 4) != "4" {
		t.Fatal("score labels")
	}
}

package answer

import (
	"fmt"
	"strconv"

	"styrka/assets"
	"styrka/model"
)

// A pass over one customer's questions: which questions it asks, in which
// order, and how a question and a score are named.

// Mode is which questions a pass over one customer asks.
type Mode int

const (
	// Both asks set A, then set B.
	Both Mode = iota
	// SetA and SetB ask one set.
	SetA
	SetB
	// Quick asks one question per dimension, for a first pass.
	Quick
)

// Questions lists the questions a mode asks, in the order it asks them.
func Questions(content *assets.Content, mode Mode) []model.Question {
	var out []model.Question
	for _, set := range content.QuestionSets() {
		switch {
		case mode == SetA && set.ID != model.SetThem, mode == SetB && set.ID != model.SetUs:
			continue
		case mode == Quick:
			out = append(out, QuickQuestions(set)...)
			continue
		}
		out = append(out, set.Questions...)
	}
	return out
}

// QuickQuestions picks the question marked quick in each of a set's
// dimensions, or the dimension's first question when none is marked (a
// user's own content may mark none).
func QuickQuestions(set model.QuestionSet) []model.Question {
	var out []model.Question
	for _, d := range model.DimensionsOf(set.ID) {
		var first, marked *model.Question
		for i := range set.Questions {
			q := &set.Questions[i]
			if q.Dimension != d {
				continue
			}
			if first == nil {
				first = q
			}
			if q.Quick && marked == nil {
				marked = q
			}
		}
		if marked == nil {
			marked = first
		}
		if marked != nil {
			out = append(out, *marked)
		}
	}
	return out
}

// FirstUnanswered is the index of the first question without an answer, or
// -1 when every one has one.
func FirstUnanswered(qs []model.Question, answers map[string]model.Answer) int {
	for i, q := range qs {
		if _, ok := answers[q.ID]; !ok {
			return i
		}
	}
	return -1
}

// SetLetter is "A" for set A and "B" for set B.
func SetLetter(c *assets.Content, id model.SetID) string {
	return c.T("tui.q.letter." + string(id))
}

// ScoreLabel names a score: "4", or "Don't know".
func ScoreLabel(c *assets.Content, s model.Score) string {
	if !s.Known() {
		return c.T("answer.dontknow")
	}
	return strconv.Itoa(int(s))
}

// Position is question i's place in its set within list: "A", 4, 10.
func Position(c *assets.Content, list []model.Question, i int) (letter string, pos, total int) {
	set := list[i].Set
	for j, q := range list {
		if q.Set != set {
			continue
		}
		total++
		if j <= i {
			pos++
		}
	}
	return SetLetter(c, set), pos, total
}

// Ref names question i of list for a status line: "A 4/10".
func Ref(c *assets.Content, list []model.Question, i int) string {
	l, p, t := Position(c, list, i)
	return fmt.Sprintf("%s %d/%d", l, p, t)
}

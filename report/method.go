package report

import (
	"fmt"
	"slices"
	"strings"

	"styrka/assets"
	"styrka/model"
)

// The texts every document shares for the method's doubts: a customer on
// the line and what it could also be, the smallest change that moves it,
// its stability, the indicative stance and how revenue is compared.

// PlacementName names a placement: "Leverage × Core, Customer dominates,
// P1", leaving out the parts that are not placed.
func PlacementName(c *assets.Content, p model.Placement) string {
	var classes []string
	if p.Kraljic != "" {
		classes = append(classes, c.Kraljic[p.Kraljic].Name)
	}
	if p.Pref != "" {
		classes = append(classes, c.Preferencing[p.Pref].Name)
	}
	var parts []string
	if len(classes) > 0 {
		parts = append(parts, strings.Join(classes, " × "))
	}
	if p.Regime != "" {
		parts = append(parts, c.Regimes[p.Regime].Name)
	}
	if p.Priority != model.NoPriority {
		parts = append(parts, p.Priority.String())
	}
	return strings.Join(parts, ", ")
}

// LineSentences says, one sentence per dimension on the line, what the
// customer could also be.
func LineSentences(c *assets.Content, lang string, a model.Assessment) []string {
	out := make([]string, 0, len(a.OnLine))
	for _, l := range a.OnLine {
		out = append(out, c.T("line.case", strings.ToLower(c.Dimensions[l.Dimension].Name),
			Number(lang, l.Value, 2), Number(lang, l.Cutoff, 1), PlacementName(c, l.Other)))
	}
	return out
}

// OtherPlacements is the short form for a table cell or a spreadsheet:
// "Supply risk → Leverage × Core, Customer dominates, P1", joined by "; ";
// "" when the customer is not on the line.
func OtherPlacements(c *assets.Content, a model.Assessment) string {
	parts := make([]string, 0, len(a.OnLine))
	for _, l := range a.OnLine {
		parts = append(parts, c.Dimensions[l.Dimension].Name+" → "+PlacementName(c, l.Other))
	}
	return strings.Join(parts, "; ")
}

// LineDimensions names the dimensions on the line, joined by ", ".
func LineDimensions(c *assets.Content, a model.Assessment) string {
	names := make([]string, 0, len(a.OnLine))
	for _, l := range a.OnLine {
		names = append(names, c.Dimensions[l.Dimension].Name)
	}
	return strings.Join(names, ", ")
}

// ChangeSentence says what one change does: "One step lower on
// “alternatives” (2 instead of 3) makes it Leverage × Core, …".
func ChangeSentence(c *assets.Content, lang string, questions []model.Question, ch model.Change) string {
	text := ch.QuestionID
	for _, q := range questions {
		if q.ID == ch.QuestionID {
			text = q.Text
			break
		}
	}
	result := PlacementName(c, ch.Result)
	switch ch.Kind {
	case model.ChangeAnswer:
		key := "change.answer.up"
		if ch.To < ch.From {
			key = "change.answer.down"
		}
		return c.T(key, text, int(ch.To), int(ch.From), result)
	case model.ChangeWeight:
		return c.T("change.weight", text, Number(lang, ch.To, 2), Number(lang, ch.From, 2), result)
	}
	return c.T("change.cutoff", Number(lang, ch.To, 1), Number(lang, ch.From, 1), strings.ToLower(c.Dimensions[ch.Dimension].Name), result)
}

// Percent writes a share of 0–1 as a whole percentage: "87 %".
func Percent(lang string, share float64) string { return Number(lang, share*100, 0) + " %" }

// StanceName names the buyer's expected stance, marked indicative outside
// strategic items.
func StanceName(c *assets.Content, r model.Room) string {
	if !r.Placed {
		return ""
	}
	name := c.Stances[r.Stance].Name
	if r.Indicative {
		return c.T("stance.indicative", name)
	}
	return name
}

// BandSentence says how wide the on-the-line band is.
func BandSentence(c *assets.Content, lang string, t model.Thresholds) string {
	b := t.BandWidth()
	if b == 0 {
		return c.T("report.band.off")
	}
	return c.T("report.band", Number(lang, b, 2))
}

// BasisSentences say how revenue is compared, when that is not obvious:
// the base currency and the rates used, the currencies without a rate, or
// that revenues in several currencies cannot be compared at all. They are
// empty when every revenue is in one currency.
func BasisSentences(c *assets.Content, lang string, d model.Dataset) []string {
	b := d.Workshop.Basis(d.Customers)
	if !b.Mixed() {
		return nil
	}
	if b.Base == "" {
		return []string{c.T("report.currency.mixed", strings.Join(b.Unconverted, ", "))}
	}
	out := []string{c.T("report.currency", b.Base)}
	if len(b.Converted) > 0 {
		rates := make([]string, 0, len(b.Converted))
		for _, cur := range b.Converted {
			rates = append(rates, fmt.Sprintf("1 %s = %s %s", cur, Rate(lang, b.Rates[cur]), b.Base))
		}
		out = append(out, c.T("report.currency.converted", strings.Join(rates, ", ")))
	}
	if len(b.Unconverted) > 0 {
		out = append(out, c.T("report.currency.missing", b.Base, strings.Join(b.Unconverted, ", ")))
	}
	return out
}

// historyAnswers are a customer's answers to questions the content no
// longer asks, with the retired question's text where the content knows
// it.
type historyAnswer struct {
	Answer   model.Answer
	Text     string
	Replaced []string
}

func historyOf(c *assets.Content, questions []model.Question, answers map[string]model.Answer) []historyAnswer {
	byID := make(map[string]string, len(questions))
	for _, q := range questions {
		byID[q.ID] = q.Text
	}
	var out []historyAnswer
	for _, a := range model.History(questions, answers) {
		h := historyAnswer{Answer: a, Text: a.QuestionID}
		if r, ok := c.RetiredQuestion(a.QuestionID); ok {
			h.Text = r.Text
			for _, id := range r.ReplacedBy {
				if t, ok := byID[id]; ok {
					h.Replaced = append(h.Replaced, t)
				}
			}
		}
		out = append(out, h)
	}
	return out
}

// dimensionNames names dimensions, joined by ", ".
func dimensionNames(c *assets.Content, ds []model.Dimension) string {
	names := make([]string, 0, len(ds))
	for _, d := range ds {
		names = append(names, strings.ToLower(c.Dimensions[d].Name))
	}
	return strings.Join(names, ", ")
}

// unstable is a workshop's placed customers least stable first, with those
// that hold in every draw and have no single change left out.
func unstable(d model.Dataset, questions []model.Question) []model.Unstable {
	all := model.LeastStable(d, questions)
	return slices.DeleteFunc(all, func(u model.Unstable) bool { return u.Stability.Share == 1 && u.Smallest == nil })
}

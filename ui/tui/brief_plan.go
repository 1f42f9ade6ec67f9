package tui

import (
	"strings"
	"styrka/ui/screen"
	"time"

	"styrka/model"
	"styrka/report"
)

// The brief's history and plan: how the customer's position changed since
// the last closed round, and its actions. Each section shows only when it
// has something to say.

// planSections are the brief's "Since round N" and "Action plan"
// sections, those that apply.
func (s *briefScreen) planSections(a model.Assessment, w int) [][]string {
	var out [][]string
	if sec := s.sinceRound(a, w); len(sec) > 0 {
		out = append(out, sec)
	}
	if sec := s.actionPlan(a, w); len(sec) > 0 {
		out = append(out, sec)
	}
	return out
}

// reportInput is the open workshop as the report package takes it.
func reportInput(c *Common, ws *Workshop) report.Input {
	in := report.Input{Content: c.Content, Lang: c.Lang, Today: time.Now()}
	if ws.Data() != nil {
		in.Dataset = *ws.Data()
	}
	return in
}

// sinceRound lists what changed for the customer since the last round.
func (s *briefScreen) sinceRound(a model.Assessment, w int) []string {
	if s.ws.Data() == nil {
		return nil
	}
	last, ok := model.LastRound(s.ws.Data().Rounds)
	if !ok {
		return nil
	}
	st := s.c.Styles
	in := reportInput(s.c, s.ws)
	out := []string{s.heading(s.c.T("report.since", report.RoundTitle(s.c.T, last)), w)}
	ch, _ := model.ChangeOf(model.Compare(last, []model.Assessment{a}, s.ws.Data().Answers), a.Customer.ID)
	switch {
	case ch.Added:
		return append(out, screen.Styled(screen.Wrap(s.c.T("brief.since.new", last.Number), w), st.Muted)...)
	case !ch.Changed():
		return append(out, screen.Styled(screen.Wrap(s.c.T("brief.since.none", last.Number), w), st.Muted)...)
	}
	for _, l := range report.ChangeLines(in, ch) {
		label, value, _ := strings.Cut(l, ": ")
		vst := st.Heading
		if label == s.c.T("col.regime") {
			if q := quadrantOf(ch.Regime.To); q >= 0 {
				vst = st.Quadrant[q]
			}
		}
		out = append(out, s.labelled(label, value, vst, w)...)
	}
	if len(ch.Answers) > 0 {
		model.SortAnswerChanges(ch.Answers, s.c.Questions())
		out = append(out, screen.Styled(screen.Wrap(s.c.T("report.compare.answers")+":", w), st.Muted)...)
		for _, ac := range ch.Answers {
			out = append(out, screen.Hanging("  • ", report.QuestionText(in, ac.QuestionID)+": "+report.AnswerMove(in, ac), w, st.Muted, st.Text)...)
		}
	}
	return out
}

// actionPlan lists the customer's actions by due date.
func (s *briefScreen) actionPlan(a model.Assessment, w int) []string {
	as := actionsOf(s.ws, a.Customer.ID)
	if len(as) == 0 {
		return nil
	}
	out := []string{s.heading(s.c.T("report.actions"), w)}
	today := time.Now()
	for _, x := range as {
		out = append(out, actionLines(s.c, x, w, today)...)
	}
	return out
}

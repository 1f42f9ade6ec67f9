package tui

import (
	"strings"

	"styrka/model"
	"styrka/report"
	"styrka/ui/screen"
)

// The brief's account planning (issue 14): the buying centre with the
// advice it does not meet, the negotiation worksheet, the target position
// with the gap to it, and "validate with the customer" as a checklist.
// The words are report.PlanningOf's, the same as the Markdown and PDF
// briefs'; this file only lays them out for the terminal.

// planning works out the customer's account planning in words.
func (s *briefScreen) planning(a model.Assessment) report.Planning {
	return report.PlanningOf(reportInput(s.c, s.ws), a)
}

// accountSections are the buying centre, the worksheet and the target.
func (s *briefScreen) accountSections(p report.Planning, w int) [][]string {
	return [][]string{s.centre(p, w), s.worksheet(p, w), s.target(p, w)}
}

// centre lists the buying centre, one person a line, and the advice it
// does not meet.
func (s *briefScreen) centre(p report.Planning, w int) []string {
	st := s.c.Styles
	out := []string{s.heading(s.c.T("brief.centre"), w)}
	for _, r := range p.Centre {
		out = append(out, screen.Hanging("• ", centreLine(s.c, r), w, st.Muted, st.Text)...)
	}
	for _, warn := range p.CentreWarnings {
		out = append(out, screen.Hanging("⚠ ", warn, w, st.Warning, st.Warning)...)
	}
	if len(p.Centre) > 0 && len(p.CentreWarnings) == 0 {
		out = append(out, screen.Styled(screen.Wrap(s.c.T("tui.centre.ok"), w), st.Muted)...)
	}
	return out
}

// centreLine is one person as the brief lists them: name and title, then
// role, attitude, level, our owner and the last contact, the unknown
// ones left out.
func centreLine(c *Common, r report.StakeholderRow) string {
	known := func(s string) bool { return s != "" && s != "–" }
	head := model.SafeLine(r.Name)
	if known(r.Title) {
		head += ", " + model.SafeLine(r.Title)
	}
	var facts []string
	for _, f := range []string{r.Role, r.Attitude, r.Level} {
		if known(f) {
			facts = append(facts, f)
		}
	}
	if known(r.Owner) {
		facts = append(facts, c.T("col.relowner")+" "+model.SafeLine(r.Owner))
	}
	if known(r.LastContact) {
		facts = append(facts, c.T("col.lastcontact")+" "+r.LastContact)
	}
	if len(facts) == 0 {
		return head
	}
	return head + ": " + strings.Join(facts, " · ")
}

// worksheet is the negotiation worksheet: the seller's lines, their
// alternatives (the seller's account, then what set A's answers say), the
// tactics to expect and the notes.
func (s *briefScreen) worksheet(p report.Planning, w int) []string {
	st := s.c.Styles
	ws := p.Worksheet
	out := []string{s.heading(s.c.T("brief.worksheet"), w)}
	for _, l := range ws.Lines {
		vst := st.Text
		if l.Blank {
			vst = st.Muted
		}
		out = append(out, s.labelled(l.Label, model.SafeLine(l.Text), vst, w)...)
	}
	out = append(out, "")
	out = append(out, screen.Styled(screen.Wrap(s.c.T("ws.alternatives")+":", w), st.Muted)...)
	if ws.Alternatives != "" {
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(ws.Alternatives, w-2)), st.Text)...)
	}
	if len(ws.FromAnswers) == 0 {
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(s.c.T("ws.noanswers"), w-2)), st.Muted)...)
	} else {
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(s.c.T("ws.fromanswers")+":", w-2)), st.Muted)...)
		for _, a := range ws.FromAnswers {
			out = append(out, screen.Hanging("  • ", a, w, st.Muted, st.Text)...)
		}
	}
	out = append(out, "")
	out = append(out, lead("", s.c.T("ws.tactics")+":", ws.Tactics, w, st.Muted, st.Text)...)
	if ws.Notes != "" {
		out = append(out, lead("", s.c.T("ws.notes")+":", ws.Notes, w, st.Muted, st.Text)...)
	}
	return out
}

// target is the target position, whether it is met or overdue, what must
// change to get there, the actions towards it and the progress.
func (s *briefScreen) target(p report.Planning, w int) []string {
	st := s.c.Styles
	t := p.Target
	out := []string{s.heading(s.c.T("brief.target"), w)}
	if !t.Set {
		return append(out, screen.Styled(screen.Wrap(t.Line, w), st.Muted)...)
	}
	out = append(out, screen.Styled(screen.Wrap(t.Line, w), st.Heading)...)
	if t.Status != "" {
		out = append(out, screen.Styled(screen.Wrap(t.Status, w), st.Warning)...)
	}
	if t.Note != "" {
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(t.Note, w-2)), st.Muted)...)
	}
	if len(t.Gap) > 0 {
		out = append(out, screen.Styled(screen.Wrap(s.c.T("target.change"), w), st.Muted)...)
		for _, g := range t.Gap {
			out = append(out, screen.Hanging("  • ", g, w, st.Muted, st.Text)...)
		}
	}
	out = append(out, screen.Styled(screen.Wrap(s.c.T("target.actions")+":", w), st.Muted)...)
	if len(t.Actions) == 0 {
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(s.c.T("target.noactions"), w-2)), st.Muted)...)
	}
	for _, a := range t.Actions {
		out = append(out, screen.Hanging("  • ", model.SafeLine(a), w, st.Muted, st.Text)...)
	}
	if len(t.Progress) > 0 {
		out = append(out, screen.Styled(screen.Wrap(s.c.T("target.progress")+":", w), st.Muted)...)
		for _, pr := range t.Progress {
			out = append(out, screen.Hanging("  • ", pr, w, st.Muted, st.Text)...)
		}
	}
	return out
}

// checklist is "validate with the customer": every set A answer to
// confirm, ticked when it is, with why it is listed or who confirmed it.
func (s *briefScreen) checklist(p report.Planning, w int) []string {
	st := s.c.Styles
	out := []string{s.heading(s.c.T("brief.validate"), w)}
	if len(p.Checklist) == 0 {
		return append(out, screen.Styled(screen.Wrap(s.c.T("tui.brief.novalidate"), w), st.Muted)...)
	}
	for _, c := range p.Checklist {
		box, bst := "[ ] ", st.Key
		if c.Done {
			box, bst = "[x] ", st.Heading
		}
		out = append(out, screen.Hanging(box, c.Question+" ("+model.SafeLine(c.Note)+")", w, bst, st.Text)...)
	}
	return out
}

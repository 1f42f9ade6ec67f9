package tui

import (
	"strconv"
	"strings"
	"styrka/ui/answer"
	"styrka/ui/mapview"
	"styrka/ui/screen"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/report"
	"styrka/ui/tui/team"
)

// briefWide is the width from which the brief's top sections sit in two
// columns, so that the facts that matter most fit on one projected page.
const briefWide = 120

// briefGap is the room between the two columns of a wide brief.
const briefGap = 4

// briefScreen is the one page a seller takes into a negotiation: scores,
// position, negotiation room, warnings, what to validate with the
// customer, recommended activities and every answer with its evidence.
// The lines are built when the data, the size or the look changes; View
// only shows the part of them that fits.
type briefScreen struct {
	c        *Common
	ws       *Workshop
	id       string
	customer model.Customer
	found    bool
	lines    []string
	offset   int
	width    int
	height   int
}

func newBrief(c *Common, ws *Workshop, customerID string) Screen {
	s := &briefScreen{c: c, ws: ws, id: customerID}
	s.build()
	return s
}

func (s *briefScreen) Init() tea.Cmd { return nil }
func (s *briefScreen) Typing() bool  { return false }

// Title is the customer's name for the breadcrumb.
func (s *briefScreen) Title() string {
	if s.found {
		return s.customer.Name
	}
	return s.c.T("tui.brief")
}

func (s *briefScreen) SetSize(w, h int) {
	if w == s.width && h == s.height {
		return
	}
	s.width, s.height = w, h
	s.build()
}

func (s *briefScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if !s.found {
		return nil
	}
	return []key.Binding{k.PageDown, k.Answer, k.Centre, k.Checklist, k.WhatIf, k.Take, k.Edit}
}

func (s *briefScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	if !s.found {
		return nil
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Answer, k.SetA, k.SetB, k.Edit, k.Export},
		{k.Centre, k.Worksheet, k.Target, k.Checklist},
		{k.Take, k.Silent, k.WhatIf},
	}
}

// visible is the number of content lines below the title line.
func (s *briefScreen) visible() int { return max(s.height-1, 1) }

func (s *briefScreen) maxOffset() int { return max(len(s.lines)-s.visible(), 0) }

func (s *briefScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case screen.DataChanged, tea.BackgroundColorMsg:
		s.build()
	case tea.KeyPressMsg:
		if to, ok := screen.Step(msg, k.Lists(), s.offset, s.maxOffset(), max(s.visible()-1, 1)); ok {
			s.scroll(to)
			return s, nil
		}
		switch {
		case !s.found:
		case key.Matches(msg, k.Answer):
			return s, push(newQuestions(s.c, s.ws, s.id, answer.Both))
		case key.Matches(msg, k.SetA):
			return s, push(newQuestions(s.c, s.ws, s.id, answer.SetA))
		case key.Matches(msg, k.SetB):
			return s, push(newQuestions(s.c, s.ws, s.id, answer.SetB))
		case key.Matches(msg, k.Edit):
			cu := s.customer
			return s, push(newCustomerForm(s.c, s.ws, &cu))
		case key.Matches(msg, k.Export):
			return s, push(newExport(s.c, s.ws, s.id))
		case key.Matches(msg, k.Take):
			if a, ok := s.assessment(); ok {
				return s, push(newBriefPicker(s.c, s.ws, a))
			}
		case key.Matches(msg, k.Silent):
			return s, team.OpenRound(s.c, s.ws, s.id)
		case key.Matches(msg, k.WhatIf):
			return s, push(newWhatIf(s.c, s.ws, s.customer))
		case key.Matches(msg, k.Centre):
			return s, push(newCentre(s.c, s.ws, s.id))
		case key.Matches(msg, k.Worksheet):
			return s, push(newWorksheetForm(s.c, s.ws, s.id))
		case key.Matches(msg, k.Target):
			return s, push(newTargetForm(s.c, s.ws, s.id))
		case key.Matches(msg, k.Checklist):
			return s, push(newChecklist(s.c, s.ws, s.id))
		}
	}
	return s, nil
}

func (s *briefScreen) scroll(to int) { s.offset = min(max(to, 0), s.maxOffset()) }

func (s *briefScreen) View() string {
	st := s.c.Styles
	title := s.c.T("tui.brief")
	if s.found {
		title = s.c.T("brief.title", s.customer.Name)
	}
	n := s.visible()
	right := ""
	if len(s.lines) > n {
		last := min(s.offset+n, len(s.lines))
		right = s.c.T("tui.brief.lines", s.offset+1, last, len(s.lines))
	}
	room := s.width - ansi.StringWidth(right)
	if right != "" {
		room--
	}
	title = screen.Truncate(title, max(room, 0))
	gap := max(s.width-ansi.StringWidth(title)-ansi.StringWidth(right), 0)
	head := st.Title.Render(title) + strings.Repeat(" ", gap) + st.Muted.Render(right)

	end := min(s.offset+n, len(s.lines))
	body := s.lines[min(s.offset, end):end]
	return head + "\n" + strings.Join(body, "\n")
}

// assessment scores the customer in the open workshop.
func (s *briefScreen) assessment() (model.Assessment, bool) {
	d := s.ws.Data()
	if d == nil {
		return model.Assessment{}, false
	}
	for _, cu := range d.Customers {
		if cu.ID == s.id {
			return model.Assess(d.Workshop.Thresholds, s.c.Questions(), cu, d.Answers[cu.ID]), true
		}
	}
	return model.Assessment{}, false
}

// build renders every line of the brief for the current width.
func (s *briefScreen) build() {
	s.lines = nil
	a, ok := s.assessment()
	s.found = ok
	if ok {
		s.customer = a.Customer
	}
	w := s.width
	if w <= 0 {
		return
	}
	if !ok {
		s.lines = append([]string{""}, screen.Styled(screen.Wrap(s.c.T("tui.brief.missing"), w), s.c.Styles.Warning)...)
		s.scroll(s.offset)
		return
	}
	out := s.header(a, w)
	plan := s.planning(a)
	if w >= briefWide {
		lw := (w - briefGap) / 2
		rw := w - briefGap - lw
		left := joinSections(s.scores(a, lw), s.position(a, lw))
		right := joinSections(s.negotiation(a, rw), s.warnings(a, rw), s.checklist(plan, rw))
		out = append(out, "")
		out = append(out, screen.SideBySide(left, right, lw, briefGap)...)
	} else {
		out = append(out, "")
		out = append(out, joinSections(s.scores(a, w), s.position(a, w), s.negotiation(a, w), s.warnings(a, w), s.checklist(plan, w))...)
	}
	out = append(out, "")
	// The account planning after the activities, which belong on the
	// first page of a wide window.
	sections := append(s.planSections(a, w), s.activities(a, w))
	sections = append(append(sections, s.accountSections(plan, w)...), s.answers(a, w))
	if h := s.history(w); h != nil {
		sections = append(sections, h)
	}
	out = append(out, joinSections(sections...)...)
	s.lines = out
	s.scroll(s.offset)
}

// header is the customer's offering, revenue and workshop, and its notes.
func (s *briefScreen) header(a model.Assessment, w int) []string {
	st := s.c.Styles
	cu := a.Customer
	var meta []string
	if cu.Offering != "" {
		meta = append(meta, s.c.T("brief.offering", cu.Offering))
	}
	if r := report.Revenue(s.c.Lang, cu); r != "" {
		meta = append(meta, s.c.T("brief.revenue", r))
	}
	if d := s.ws.Data(); d != nil {
		meta = append(meta, s.c.T("brief.workshop", d.Workshop.Name, d.Workshop.Date))
	}
	out := screen.Styled(screen.Wrap(strings.Join(meta, " · "), w), st.Text)
	if cu.Notes != "" {
		out = append(out, screen.Styled(screen.Wrap(cu.Notes, w), st.Muted)...)
	}
	return out
}

// heading is a section title followed by a rule to the column's edge.
func (s *briefScreen) heading(title string, w int) string { return sectionHeading(s.c, title, w) }

// sectionHeading is a page's section title followed by a rule to the
// column's edge.
func sectionHeading(c *Common, title string, w int) string {
	st := c.Styles
	title = screen.Truncate(title, w)
	rule := w - ansi.StringWidth(title) - 1
	if rule <= 0 {
		return st.Heading.Render(title)
	}
	return st.Heading.Render(title) + " " + st.Muted.Render(strings.Repeat("─", rule))
}

// scores draws the four dimensions as bars with their coverage.
func (s *briefScreen) scores(a model.Assessment, w int) []string {
	st := s.c.Styles
	out := []string{s.heading(s.c.T("brief.scores"), w)}
	nameW := 0
	for _, d := range model.Dimensions {
		nameW = max(nameW, ansi.StringWidth(s.c.Content.Dimensions[d].Name))
	}
	nameW = min(nameW, max(w/3, 8))
	const valueW = 3
	barW := min(max(w-nameW-valueW-26, 10), 20)
	for _, d := range model.Dimensions {
		sc := a.Scores[d]
		line := screen.Cell(s.c.Content.Dimensions[d].Name, nameW) + "  "
		if sc.Placed {
			bar := report.Bar(sc.Value, barW)
			full, empty := bar, ""
			if i := strings.Index(bar, "░"); i >= 0 {
				full, empty = bar[:i], bar[i:]
			}
			line = st.Text.Render(line) + st.BarFull.Render(full) + st.BarEmpty.Render(empty) + " " +
				st.Heading.Render(screen.Align(report.Number(s.c.Lang, sc.Value, 1), valueW, true))
		} else {
			line = st.Text.Render(line) + st.Muted.Render(screen.Cell(s.c.T("brief.notplaced"), barW+1+valueW))
		}
		cov := s.c.T("brief.coverage", sc.Known, sc.Questions)
		if sc.DontKnows > 0 {
			cov += " " + s.c.T("brief.dontknows", sc.DontKnows)
		}
		if lipgloss.Width(line)+2+ansi.StringWidth(cov) <= w {
			out = append(out, line+"  "+st.Muted.Render(cov))
		} else {
			out = append(out, line)
			indent := strings.Repeat(" ", min(nameW+2, max(w-ansi.StringWidth(cov), 0)))
			out = append(out, screen.Styled(prefixed(indent, screen.Wrap(cov, max(w-len(indent), 1))), st.Muted)...)
		}
	}
	return out
}

// position is how they see us, how we see them, the power balance and
// the priority, each with its description.
func (s *briefScreen) position(a model.Assessment, w int) []string {
	st := s.c.Styles
	c := s.c.Content
	l := report.LabelsOf(c, s.c.Lang, a)
	out := []string{s.heading(s.c.T("brief.position"), w)}
	item := func(label, name string, placed bool, vst lipgloss.Style, desc string) {
		if !placed {
			name, vst, desc = s.c.T("brief.notplaced"), st.Muted, ""
		}
		out = append(out, s.labelled(label, name, vst, w)...)
		if desc != "" {
			out = append(out, screen.Styled(prefixed("  ", screen.Wrap(desc, w-2)), st.Text)...)
		}
	}
	item(s.c.T("col.kraljic"), l.Kraljic, a.Kraljic != "", st.Heading, c.Kraljic[a.Kraljic].Description)
	item(s.c.T("col.preferencing"), l.Preferencing, a.Pref != "", st.Heading, c.Preferencing[a.Pref].Description)
	rs := st.Muted
	if q := quadrantOf(a.Regime); q >= 0 {
		rs = st.Quadrant[q]
	}
	item(s.c.T("col.regime"), l.Regime, a.Regime != "", rs, c.Regimes[a.Regime].Description)
	cellDesc := ""
	if cl, ok := a.Cell(); ok {
		cellDesc = c.Cells[cl.Key()].Description
	}
	item(s.c.T("col.priority"), l.Priority, a.Priority != model.NoPriority, st.PriorityStyle(int(a.Priority)), cellDesc)
	return out
}

// labelled is "label: value" with the value styled, wrapped to w.
func (s *briefScreen) labelled(label, value string, vst lipgloss.Style, w int) []string {
	st := s.c.Styles
	head := label + ":"
	if ansi.StringWidth(head)+1+ansi.StringWidth(value) <= w {
		return []string{st.Muted.Render(head) + " " + vst.Render(value)}
	}
	out := screen.Styled(screen.Wrap(head, w), st.Muted)
	return append(out, screen.Styled(prefixed("  ", screen.Wrap(value, w-2)), vst)...)
}

// negotiation is the room to move, the buyer's expected stance and the
// regime's negotiation advice.
func (s *briefScreen) negotiation(a model.Assessment, w int) []string {
	st := s.c.Styles
	c := s.c.Content
	out := []string{s.heading(s.c.T("brief.negotiation"), w)}
	if !a.Room.Placed {
		out = append(out, screen.Styled(screen.Wrap(s.c.T("brief.room.none"), w), st.Muted)...)
	} else {
		l := report.LabelsOf(c, s.c.Lang, a)
		out = append(out, screen.Styled(screen.Wrap(l.Room, w), st.Heading)...)
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(c.Rooms[a.Room.Level].Description, w-2)), st.Text)...)
		out = append(out, s.labelled(s.c.T("tui.brief.stance"), l.Stance, st.Heading, w)...)
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(c.Stances[a.Room.Stance].Description, w-2)), st.Text)...)
	}
	if a.Regime != "" {
		out = append(out, "")
		out = append(out, screen.Styled(screen.Wrap(c.Regimes[a.Regime].Negotiation, w), st.Text)...)
	}
	return out
}

// warnings lists the mismatches worth a warning.
func (s *briefScreen) warnings(a model.Assessment, w int) []string {
	st := s.c.Styles
	out := []string{s.heading(s.c.T("brief.warnings"), w)}
	flag := team.Flags(s.ws, []model.Assessment{a})[a.Customer.ID]
	if len(flag.Diverged) > 0 {
		out = append(out, screen.Hanging(team.FlagMark+" ", s.c.T("tui.team.brief.diverged", team.Refs(s.c, flag.Diverged)), w, st.Warning, st.Warning)...)
	}
	if len(a.Warnings) == 0 && len(flag.Diverged) == 0 {
		return append(out, screen.Styled(screen.Wrap(s.c.T("tui.brief.nowarnings"), w), st.Muted)...)
	}
	for _, wk := range a.Warnings {
		out = append(out, screen.Hanging("⚠ ", s.c.Content.Warnings[wk], w, st.Warning, st.Warning)...)
		if wk == model.WarnOnLine {
			// Which dimension, how close, and what it could as well be.
			for _, line := range report.LineSentences(s.c.Content, s.c.Lang, a) {
				out = append(out, screen.Hanging("  "+mapview.OnLineMarker+" ", line, w, st.Warning, st.Text)...)
			}
		}
	}
	return out
}

// activities is the cell's develop / stop / start and the regime's
// message.
func (s *briefScreen) activities(a model.Assessment, w int) []string {
	st := s.c.Styles
	c := s.c.Content
	out := []string{s.heading(s.c.T("brief.activities"), w)}
	cl, ok := a.Cell()
	if !ok {
		return append(out, screen.Styled(screen.Wrap(s.c.T("tui.brief.noactivities"), w), st.Muted)...)
	}
	adv := c.Cells[cl.Key()].Advice
	for i, part := range []struct {
		key   string
		items []string
	}{{"label.develop", adv.Develop}, {"label.stop", adv.Stop}, {"label.start", adv.Start}} {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, screen.Styled(screen.Wrap(s.c.T(part.key), w), st.Heading)...)
		for _, it := range part.items {
			out = append(out, screen.Hanging("• ", it, w, st.Muted, st.Text)...)
		}
	}
	if a.Regime != "" {
		out = append(out, "")
		out = append(out, screen.Styled(screen.Wrap(s.c.T("label.message")+":", w), st.Muted)...)
		out = append(out, screen.Styled(prefixed("  ", screen.Wrap(c.Regimes[a.Regime].Message, w-2)), st.Text)...)
	}
	return out
}

// answers lists every question of both sets with its answer and evidence.
func (s *briefScreen) answers(a model.Assessment, w int) []string {
	st := s.c.Styles
	out := []string{s.heading(s.c.T("brief.answers"), w)}
	given := map[string]model.Answer{}
	if s.ws.Data() != nil {
		given = s.ws.Data().Answers[a.Customer.ID]
	}
	const indent = "    "
	iw := max(w-len(indent), 1)
	for si, set := range s.c.Content.QuestionSets() {
		if si > 0 {
			out = append(out, "")
		}
		out = append(out, screen.Styled(screen.Wrap(set.Title, w), st.Heading)...)
		for qi, q := range set.Questions {
			num := screen.Align(strconv.Itoa(qi+1)+".", 3, true) + " "
			out = append(out, screen.Hanging(num, q.Text, w, st.Muted, st.Text)...)
			ans, ok := given[q.ID]
			var line []string
			switch {
			case !ok:
				line = screen.Styled(prefixed(indent, screen.Wrap(s.c.T("brief.unanswered"), iw)), st.Muted)
			case !ans.Score.Known():
				line = screen.Styled(prefixed(indent, screen.Wrap(s.c.T("answer.dontknow"), iw)), st.Warning)
			default:
				line = screen.Hanging(indent+strconv.Itoa(int(ans.Score))+"  ", q.Anchors[ans.Score-1], w, st.Heading, st.Text)
			}
			by := s.answeredBy(ans)
			if ok && ans.Note == "" && by != "" {
				line = appendMuted(line, by, w, st.Muted)
			}
			out = append(out, line...)
			if ok && ans.Note != "" {
				ev := lead(indent, s.c.T("label.evidence")+":", ans.Note, w, st.Muted, st.Text)
				if by != "" {
					ev = appendMuted(ev, by, w, st.Muted)
				}
				out = append(out, ev...)
			}
		}
	}
	return out
}

// answeredBy is "(author, date)" for an answer, or "".
func (s *briefScreen) answeredBy(a model.Answer) string {
	var parts []string
	if a.Author != "" {
		parts = append(parts, a.Author)
	}
	if !a.At.IsZero() {
		parts = append(parts, a.At.Local().Format(time.DateOnly))
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// appendMuted adds a muted remark after the last line, or on a line of
// its own when it does not fit.
func appendMuted(lines []string, remark string, w int, st lipgloss.Style) []string {
	if n := len(lines); n > 0 && lipgloss.Width(lines[n-1])+1+ansi.StringWidth(remark) <= w {
		lines[n-1] += " " + st.Render(remark)
		return lines
	}
	const indent = "    "
	return append(lines, screen.Styled(prefixed(indent, screen.Wrap(remark, max(w-len(indent), 1))), st)...)
}

// lead wraps "label text" to w under an indent, the label styled apart
// from the text.
func lead(indent, label, text string, w int, lst, tst lipgloss.Style) []string {
	lines := strings.Split(screen.Wrap(label+" "+text, max(w-len(indent), 1)), "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, label); i == 0 && ok {
			lines[i] = indent + lst.Render(label) + tst.Render(rest)
			continue
		}
		lines[i] = indent + tst.Render(l)
	}
	return lines
}

// prefixed puts p in front of every line of text.
func prefixed(p, text string) string {
	return p + strings.ReplaceAll(text, "\n", "\n"+p)
}

// joinSections puts sections one after another with a blank line between them.
func joinSections(sections ...[]string) []string {
	var out []string
	for i, sec := range sections {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, sec...)
	}
	return out
}

// history lists the customer's answers to questions the content no longer
// asks: kept, shown, never counted. Nil when there are none.
func (s *briefScreen) history(w int) []string {
	if s.ws.Data() == nil {
		return nil
	}
	old := model.History(s.c.Questions(), s.ws.Data().Answers[s.id])
	if len(old) == 0 {
		return nil
	}
	st := s.c.Styles
	out := []string{s.heading(s.c.T("brief.history"), w)}
	out = append(out, screen.Styled(screen.Wrap(s.c.T("brief.history.intro"), w), st.Muted)...)
	for _, a := range old {
		text := a.QuestionID
		if r, ok := s.c.Content.RetiredQuestion(a.QuestionID); ok {
			text = r.Text
		}
		out = append(out, screen.Styled(screen.Wrap("• "+text+": "+answer.ScoreLabel(s.c.Content, a.Score), w), st.Text)...)
		if a.Note != "" {
			out = append(out, screen.Styled(screen.Wrap("  "+a.Note, w), st.Muted)...)
		}
	}
	return out
}

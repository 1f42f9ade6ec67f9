package team

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/answer"
	"styrka/ui/screen"
	"styrka/ui/tui/workbench"
)

// The reveal: every participant's score at once, per question the
// distribution, the spread and the evidence with who wrote it; the
// questions where the team diverged first, the largest spread first. The
// facilitator records the agreed score, which is the team's answer, or
// asks for a re-vote on a question.

// revealWide is the width from which the list and the selected question
// sit side by side.
const revealWide = 120

// revealItem is one question of the reveal as listed.
type revealItem struct {
	tally  model.QuestionTally
	hidden bool // a re-vote on it is under way
	agreed *model.Score
}

type revealScreen struct {
	c      *workbench.Common
	ws     *workbench.Workshop
	id     string
	round  model.SilentRound
	found  bool
	items  []revealItem
	cursor int
	table  screen.Table
	width  int
	height int
	// left is set once the screen has asked to go.
	left bool
}

func newReveal(c *workbench.Common, ws *workbench.Workshop, roundID string) *revealScreen {
	s := &revealScreen{c: c, ws: ws, id: roundID}
	s.table = screen.Table{Styles: c.CurrentStyles, Cols: []screen.Column{
		{Title: "", Width: 1},
		{Title: c.T("tui.reveal.col.question"), Width: 7},
		{Title: ""},
		{Title: c.T("tui.reveal.col.spread"), Width: 7, Right: true},
		{Title: c.T("tui.reveal.col.agreed"), Width: 7, Right: true},
	}}
	s.reload()
	return s
}

func (s *revealScreen) Init() tea.Cmd { s.reload(); return nil }
func (s *revealScreen) Title() string { return s.c.T("tui.reveal.title") }
func (s *revealScreen) Typing() bool  { return false }

func (s *revealScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	lw, lh := s.listSize()
	s.table.SetSize(lw, lh)
}

// listSize is the room of the question list: beside the detail in a wide
// window, above it otherwise.
func (s *revealScreen) listSize() (int, int) {
	body := max(s.height-2, 1)
	if s.width >= revealWide {
		return s.width / 2, body
	}
	rows := 3
	if body >= 30 {
		rows = body / 3
	}
	return s.width, min(len(s.items), rows) + 1
}

// revoting reports whether a re-vote is under way on any question.
func (s *revealScreen) revoting() bool { return len(s.round.Voting()) > 0 }

func (s *revealScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.revoting() {
		return []key.Binding{k.HotSeat, k.Reveal, k.Agree}
	}
	return []key.Binding{k.Agree, k.Revote, k.Medians, k.CloseSilent}
}

func (s *revealScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Home, k.End},
		{k.Agree, k.Revote, k.Medians},
		{k.HotSeat, k.Reveal, k.CloseSilent},
	}
}

// reload tallies the votes again, keeping the cursor on its question.
func (s *revealScreen) reload() {
	var keep string
	if it, ok := s.selected(); ok {
		keep = it.tally.QuestionID
	}
	s.round, s.found = s.ws.SilentRound(s.id)
	s.items = nil
	if !s.found {
		s.table.SetRows(nil)
		return
	}
	tally := model.Tally(s.round, s.ws.RoundVotes(s.id))
	item := func(t model.QuestionTally) revealItem {
		it := revealItem{tally: t, hidden: s.round.Hidden(t.QuestionID)}
		if a, ok := s.round.Agreed[t.QuestionID]; ok {
			it.agreed = &a
		}
		return it
	}
	// Re-votes under way first, then the discussion queue, then the rest
	// in the order they were asked.
	for _, t := range tally {
		if s.round.Hidden(t.QuestionID) {
			s.items = append(s.items, item(t))
		}
	}
	for _, t := range model.DiscussionQueue(tally) {
		if !s.round.Hidden(t.QuestionID) {
			s.items = append(s.items, item(t))
		}
	}
	for _, t := range tally {
		if !t.Flagged && !s.round.Hidden(t.QuestionID) {
			s.items = append(s.items, item(t))
		}
	}
	st := s.c.Styles
	rows := make([]screen.Row, len(s.items))
	for i, it := range s.items {
		t := it.tally
		text := t.QuestionID
		if q, ok := s.c.QuestionByID(t.QuestionID); ok {
			text = q.Text
		}
		mark, ms := " ", st.Muted
		spread, agreed := "–", "–"
		switch {
		case it.hidden:
			mark, ms, spread = "…", st.Key, "?"
		case t.Known > 0:
			spread = strconv.Itoa(t.Spread)
		}
		if t.Flagged && !it.hidden && it.agreed == nil {
			mark, ms = FlagMark, st.Warning
		}
		as := st.Muted
		if it.agreed != nil {
			agreed, as = "✓ "+answer.ScoreLabel(s.c.Content, *it.agreed), st.OK
			if !it.agreed.Known() {
				agreed = "✓ ?"
			}
		}
		ss := st.Text
		if t.Flagged && !it.hidden {
			ss = st.Warning
		}
		rows[i] = screen.Row{Cells: []string{mark, questionRef(s.c, t.QuestionID), text, spread, agreed},
			Styles: []*lipgloss.Style{&ms, nil, nil, &ss, &as}}
	}
	s.table.SetRows(rows)
	s.table.Cursor = 0
	for i, it := range s.items {
		if it.tally.QuestionID == keep {
			s.table.Cursor = i
		}
	}
	s.SetSize(s.width, s.height)
}

func (s *revealScreen) selected() (revealItem, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.items) {
		return revealItem{}, false
	}
	return s.items[s.table.Cursor], true
}

func (s *revealScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case screen.DataChanged:
		s.reload()
		if !msg.Team || msg.Top {
			return s, s.onward()
		}
	case tea.KeyPressMsg:
		return s, s.key(msg)
	}
	return s, nil
}

// onward leaves a round that was closed, once.
func (s *revealScreen) onward() tea.Cmd {
	if !s.left && (!s.found || s.round.State == model.SilentClosed) {
		s.left = true
		return screen.Pop
	}
	return nil
}

func (s *revealScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if s.table.Move(msg, k.Lists()) || !s.found {
		return nil
	}
	it, ok := s.selected()
	switch {
	case key.Matches(msg, k.HotSeat):
		if !s.revoting() {
			return screen.Status(s.c.T("tui.reveal.novoting"))
		}
		return screen.Push(newHotSeat(s.c, s.ws, s.id))
	case key.Matches(msg, k.Reveal):
		return s.revealRevotes()
	case key.Matches(msg, k.Medians):
		return s.takeMedians()
	case key.Matches(msg, k.CloseSilent):
		return s.closeRound()
	case !ok:
	case key.Matches(msg, k.Agree):
		if it.hidden {
			return screen.Status(s.c.T("tui.reveal.hidden"))
		}
		return screen.Push(newAgreeForm(s.c, s.ws, s.round, it.tally))
	case key.Matches(msg, k.Revote):
		if it.hidden {
			return screen.Status(s.c.T("tui.reveal.hidden"))
		}
		ref := questionRef(s.c, it.tally.QuestionID)
		q := it.tally.QuestionID
		return s.ws.Serial(updateSilent(s.ws, s.id, func(r *model.SilentRound) error { r.OpenRevote(q); return nil },
			s.c.T("tui.reveal.revoted", ref)))
	}
	return nil
}

// revealRevotes shows the votes of the re-votes under way, after asking
// when not everyone has voted again.
func (s *revealScreen) revealRevotes() tea.Cmd {
	if !s.revoting() {
		return screen.Status(s.c.T("tui.reveal.nothing"))
	}
	at := clock().UTC()
	cmd := updateSilent(s.ws, s.id, func(r *model.SilentRound) error { r.Reveal(at); return nil }, s.c.T("tui.reveal.revealed"))
	fin := model.Finished(s.round, s.ws.RoundVotes(s.id))
	n := 0
	for _, done := range fin {
		if done {
			n++
		}
	}
	if n == len(s.round.Participants) {
		return s.ws.Serial(cmd)
	}
	return s.ws.Confirm(s.c.T("tui.silent.reveal.early", n, len(s.round.Participants)), cmd)
}

// medianScore is the score a question's median rounds to (half up), or
// don't know when nobody knew.
func medianScore(t model.QuestionTally) model.Score {
	if t.Known == 0 {
		return model.DontKnow
	}
	return model.Score(math.Floor(t.Median + 0.5))
}

// takeMedians records the median as the agreed score of every question
// shown, not flagged and not agreed yet.
func (s *revealScreen) takeMedians() tea.Cmd {
	var todo []model.QuestionTally
	for _, it := range s.items {
		if !it.hidden && !it.tally.Flagged && it.agreed == nil && len(it.tally.Votes) > 0 {
			todo = append(todo, it.tally)
		}
	}
	if len(todo) == 0 {
		return screen.Status(s.c.T("tui.reveal.medians.none"))
	}
	c, ws, r := s.c, s.ws, s.round
	var answers []model.Answer
	for _, t := range todo {
		answers = append(answers, model.Answer{CustomerID: r.CustomerID, QuestionID: t.QuestionID, Score: medianScore(t),
			Note: agreedNote(c, t), Author: ws.Author()})
	}
	return ws.Confirm(c.T("tui.reveal.medians.confirm", len(todo)), recordAgreed(ws, r, answers, c.T("tui.reveal.medians.done", len(todo))))
}

// closeRound ends the round, after asking.
func (s *revealScreen) closeRound() tea.Cmd {
	open := 0
	for _, it := range s.items {
		if (it.tally.Flagged || it.hidden) && it.agreed == nil {
			open++
		}
	}
	text := s.c.T("tui.reveal.close", s.ws.CustomerName(s.round.CustomerID))
	if open > 0 {
		text = s.c.T("tui.reveal.close.open", s.ws.CustomerName(s.round.CustomerID), open)
	}
	at := clock().UTC()
	return s.ws.Confirm(text, updateSilent(s.ws, s.id, func(r *model.SilentRound) error { r.Close(at); return nil },
		s.c.T("tui.reveal.closed")))
}

// agreedNote is the evidence note an agreed score starts with.
func agreedNote(c *workbench.Common, t model.QuestionTally) string {
	lo, hi := 0, 0
	for _, v := range t.Votes {
		if !v.Score.Known() {
			continue
		}
		if lo == 0 || int(v.Score) < lo {
			lo = int(v.Score)
		}
		hi = max(hi, int(v.Score))
	}
	if lo == 0 {
		return c.T("tui.reveal.note.unknown", len(t.Votes))
	}
	return c.T("tui.reveal.note", len(t.Votes), lo, hi)
}

// recordAgreed stores agreed scores as the team's answers, one after
// another, and reports each answer saved and the round as it is then.
func recordAgreed(ws *workbench.Workshop, r model.SilentRound, answers []model.Answer, done string) tea.Cmd {
	db, wid := ws.Store(), ws.Data().Workshop.ID
	var previous []*model.Answer
	for _, a := range answers {
		var p *model.Answer
		if old, ok := ws.Data().Answers[a.CustomerID][a.QuestionID]; ok {
			p = &old
		}
		previous = append(previous, p)
	}
	return func() tea.Msg {
		var msgs tea.BatchMsg
		for i, a := range answers {
			if a.At.IsZero() {
				a.At = time.Now().UTC()
			}
			if previous[i] != nil {
				// An agreed score keeps the answer's source, and its
				// confirmation only when the score is the same.
				a = a.Rescored(*previous[i])
			}
			if err := db.RecordAgreed(wid, r.ID, a); err != nil {
				msgs = append(msgs, func() tea.Msg { return workbench.Fail(err) })
				break
			}
			saved := workbench.AnswerSavedMsg{Answer: a, Previous: previous[i]}
			msgs = append(msgs, func() tea.Msg { return saved })
		}
		if fresh, err := db.SilentRound(wid, r.ID); err == nil {
			msgs = append(msgs, func() tea.Msg { return RoundSavedMsg{WorkshopID: wid, Round: fresh, Status: done} })
		}
		return msgs
	}
}

func (s *revealScreen) View() string {
	st := s.c.Styles
	w := s.width
	head, ok := roundHeading(s.c, s.ws, s.round, s.found, "tui.reveal.heading", w)
	if !ok {
		return head
	}
	flagged, agreed, revotes := 0, 0, 0
	for _, it := range s.items {
		switch {
		case it.hidden:
			revotes++
		case it.tally.Flagged && it.agreed == nil:
			flagged++
		}
		if it.agreed != nil {
			agreed++
		}
	}
	summary := s.c.T("tui.reveal.summary", len(s.items), len(s.round.Participants), flagged, agreed)
	if revotes > 0 {
		summary += " · " + s.c.T("tui.reveal.summary.revotes", revotes)
	}
	sum := st.Muted.Render(screen.Truncate(summary, w))
	lw, lh := s.listSize()
	list := screen.Fit(s.table.View(), lw, lh)
	if w >= revealWide {
		dw := w - lw - 3
		detail := s.detail(dw, lh)
		return head + "\n" + sum + "\n" + strings.Join(screen.SideBySide(strings.Split(list, "\n"), detail, lw, 3), "\n")
	}
	rest := max(s.height-2-lh-1, 0)
	out := head + "\n" + sum + "\n" + list
	if rest > 0 {
		out += "\n" + st.Muted.Render(strings.Repeat("─", w)) + "\n" + strings.Join(s.detail(w, rest), "\n")
	}
	return out
}

// detail draws the selected question: its text, the distribution, the
// spread and median, the evidence with who wrote it and the agreed score,
// in at most h lines of w cells.
func (s *revealScreen) detail(w, h int) []string {
	st := s.c.Styles
	it, ok := s.selected()
	if !ok || w < 10 || h <= 0 {
		return nil
	}
	t := it.tally
	q, known := s.c.QuestionByID(t.QuestionID)
	title := questionRef(s.c, t.QuestionID)
	if known {
		title += " · " + s.c.Content.Dimensions[q.Dimension].Name
	}
	out := []string{st.Heading.Render(screen.Truncate(title, w))}
	if known {
		lines := screen.Styled(screen.Wrap(q.Text, w), st.Text)
		if len(lines) > 2 {
			lines = append(lines[:1], st.Text.Render(screen.Truncate(ansi.Strip(lines[1])+"…", w)))
		}
		out = append(out, lines...)
	}
	if s.width >= revealWide {
		out = append(out, "")
	}
	if it.hidden {
		voted := 0
		fin := map[string]bool{}
		for _, v := range t.Votes {
			fin[v.ParticipantID] = true
		}
		for _, p := range s.round.Participants {
			if fin[p] {
				voted++
			}
		}
		out = append(out, screen.Styled(screen.Wrap(s.c.T("tui.reveal.revoting", s.round.Revote(t.QuestionID), voted, len(s.round.Participants)), w), st.Key)...)
		for _, p := range s.round.Participants {
			mark, ps := "·", st.Muted
			if fin[p] {
				mark, ps = "✓", st.OK
			}
			out = append(out, ps.Render(screen.Truncate(mark+" "+participantName(s.c, s.ws, p), w)))
		}
		return fitLines(out, h)
	}
	out = append(out, s.distribution(t, q, known, w)...)
	spread := s.c.T("tui.reveal.stats", t.Spread, decimal(s.c, t.Median), len(t.Votes))
	if t.Known == 0 {
		spread = s.c.T("tui.reveal.stats.none", len(t.Votes))
	}
	ss := st.Muted
	if t.Flagged {
		spread += " · " + s.c.T("tui.reveal.flagged")
		ss = st.Warning
	}
	out = append(out, screen.Styled(screen.Wrap(spread, w), ss)...)
	if it.agreed != nil {
		out = append(out, st.OK.Render(screen.Truncate(s.c.T("tui.reveal.agreed", s.scoreText(*it.agreed, q, known)), w)))
	} else {
		out = append(out, st.Muted.Render(screen.Truncate(s.c.T("tui.reveal.agree.hint"), w)))
	}
	var notes []string
	for _, v := range t.Votes {
		if v.Note == "" {
			continue
		}
		lead := participantName(s.c, s.ws, v.ParticipantID) + " (" + answer.ScoreLabel(s.c.Content, v.Score) + "): "
		notes = append(notes, screen.Hanging(lead, v.Note, w, st.Key, st.Text)...)
	}
	if len(notes) > 0 {
		out = append(out, "", st.Heading.Render(screen.Truncate(s.c.T("tui.reveal.evidence"), w)))
		out = append(out, notes...)
	}
	return fitLines(out, h)
}

// distribution draws a bar per score, 1 to 5 and don't know, with the
// count and who gave it.
func (s *revealScreen) distribution(t model.QuestionTally, q model.Question, known bool, w int) []string {
	st := s.c.Styles
	most := 0
	for _, n := range t.Counts {
		most = max(most, n)
	}
	barW := min(max(w/4, 4), 16)
	byScore := map[model.Score][]string{}
	for _, v := range t.Votes {
		byScore[v.Score] = append(byScore[v.Score], participantName(s.c, s.ws, v.ParticipantID))
	}
	var out []string
	levels := []model.Score{1, 2, 3, 4, 5, model.DontKnow}
	for _, lv := range levels {
		label := strconv.Itoa(int(lv))
		if lv == model.DontKnow {
			label = "?"
		}
		n := t.Counts[lv]
		ls := st.Muted
		if n > 0 {
			ls = st.Heading
		}
		line := ls.Render(label) + " " + countBar(s.c, n, most, barW) + " " + ls.Render(fmt.Sprintf("%2d", n))
		room := w - lipgloss.Width(line) - 2
		if room > 4 {
			var what string
			switch {
			case n > 0:
				what = strings.Join(byScore[lv], ", ")
			case lv == model.DontKnow:
				what = s.c.T("answer.dontknow")
			case known:
				what = q.Anchors[lv-1]
			}
			ws := st.Muted
			if n > 0 {
				ws = st.Text
			}
			line += "  " + ws.Render(screen.Truncate(what, room))
		}
		out = append(out, line)
	}
	return out
}

// scoreText is "4 · anchor" or "Don't know".
func (s *revealScreen) scoreText(sc model.Score, q model.Question, known bool) string {
	if !sc.Known() {
		return s.c.T("answer.dontknow")
	}
	if !known {
		return strconv.Itoa(int(sc))
	}
	return fmt.Sprintf("%d · %s", sc, q.Anchors[sc-1])
}

// decimal formats a median with the user's decimal separator.
func decimal(c *workbench.Common, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if c.Lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fitLines keeps at most h lines.
func fitLines(lines []string, h int) []string {
	if len(lines) > h {
		return lines[:max(h, 0)]
	}
	return lines
}

// agreeScreen records the score the team agreed on for one question, on
// the answer card: nothing is chosen for the room (the median is named,
// not preselected); a digit records that level, with the evidence note as
// it stands.
type agreeScreen struct {
	c      *workbench.Common
	ws     *workbench.Workshop
	round  model.SilentRound
	tally  model.QuestionTally
	card   *answer.Card
	width  int
	height int
}

func newAgreeForm(c *workbench.Common, ws *workbench.Workshop, r model.SilentRound, t model.QuestionTally) screen.Screen {
	q, known := c.QuestionByID(t.QuestionID)
	if !known {
		q = model.Question{ID: t.QuestionID, Text: t.QuestionID}
	}
	q.Help = c.T("tui.reveal.agree.desc", questionRef(c, t.QuestionID), t.Spread, decimal(c, t.Median))
	var current *model.Score
	note := agreedNote(c, t)
	if a, ok := r.Agreed[t.QuestionID]; ok {
		current = &a
		if ans, ok := ws.Data().Answers[r.CustomerID][t.QuestionID]; ok {
			note = ans.Note
		}
	}
	texts := answer.Texts{DontKnow: c.T("answer.dontknow"), NoteLabel: c.T("tui.q.note"), Placeholder: c.T("tui.q.note.placeholder")}
	return &agreeScreen{c: c, ws: ws, round: r, tally: t, card: answer.New(q, current, note, texts, c.Keys.Card(), c.CurrentStyles)}
}

func (s *agreeScreen) Init() tea.Cmd { return nil }
func (s *agreeScreen) Title() string { return s.c.T("tui.reveal.agree.title") }
func (s *agreeScreen) Typing() bool  { return s.card.OnNote() }
func (s *agreeScreen) HandlesEsc() bool {
	return s.card.OnNote()
}

func (s *agreeScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.card.SetWidth(max(min(w, 100), 20))
}

func (s *agreeScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	pick := k.Pick
	pick.SetHelp("1–5/0", s.c.T("key.agree"))
	note := k.Note
	note.SetHelp("tab", s.c.T("key.q.note.short"))
	return []key.Binding{pick, note}
}

func (s *agreeScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{{k.Pick, k.Up, k.Down, k.Choose, k.Note, k.Leave}}
}

func (s *agreeScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if s.card.OnNote() && msg.String() == "esc" {
			s.card.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
			return s, nil
		}
		cmd, ev := s.card.Update(msg)
		switch ev {
		case answer.Picked, answer.Kept, answer.NoteDone:
			sc, _ := s.card.Score()
			c, ws, t := s.c, s.ws, s.tally
			a := model.Answer{CustomerID: s.round.CustomerID, QuestionID: t.QuestionID, Score: sc,
				Note: s.card.Note(), Author: ws.Author(), At: time.Now().UTC()}
			return s, tea.Sequence(screen.Pop, ws.Serial(recordAgreed(ws, s.round, []model.Answer{a},
				c.T("tui.reveal.agree.done", questionRef(c, t.QuestionID), answer.ScoreLabel(c.Content, sc)))))
		case answer.Skipped:
			return s, screen.Status(s.c.T("tui.reveal.agree.none"))
		case answer.NoScore:
			return s, screen.Status(s.c.T("tui.q.noscore"))
		}
		return s, cmd
	case tea.PasteMsg:
		cmd, _ := s.card.Update(msg)
		return s, cmd
	case tea.BackgroundColorMsg:
		s.card.Restyle()
	default:
		if s.card.OnNote() {
			cmd, _ := s.card.Update(msg)
			return s, cmd
		}
	}
	return s, nil
}

func (s *agreeScreen) View() string {
	st := s.c.Styles
	head := st.Title.Render(screen.Truncate(s.c.T("tui.reveal.agree.title")+": "+s.ws.CustomerName(s.round.CustomerID), s.width))
	return head + "\n\n" + s.card.View()
}

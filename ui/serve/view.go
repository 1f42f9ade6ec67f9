package serve

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
)

func (m *session) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "styrka"
	return v
}

func (m *session) render() string {
	if m.width == 0 || m.height == 0 || m.closing {
		return ""
	}
	st := m.st
	if m.width < minWidth || m.height < minHeight {
		msg := ansi.Wordwrap(m.T("serve.toosmall", minWidth, minHeight), max(m.width-2, 1), "")
		return fit(lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, st.Warning.Render(msg)), m.width, m.height)
	}
	w := m.width
	var body string
	var keys [][2]string
	switch m.phase {
	case phaseLang:
		body, keys = m.langView(w)
	case phaseCode:
		body, keys = m.codeView(w)
	case phaseName:
		body, keys = m.nameView(w)
	case phaseWait:
		body, keys = m.waitView(w)
	case phaseVote:
		body, keys = m.voteView(w, m.height-3)
	case phaseMine:
		body, keys = m.mineView(w, m.height-3)
	}
	var b strings.Builder
	b.WriteString(m.header(w))
	b.WriteByte('\n')
	b.WriteString(fit(body, w, m.height-3))
	b.WriteByte('\n')
	if m.notice != "" {
		s := st.Status
		if m.noticeErr {
			s = st.Error
		}
		b.WriteString(s.Render(truncate(m.notice, w)))
	}
	b.WriteByte('\n')
	b.WriteString(m.footer(w, keys))
	return b.String()
}

// header is the top line: the program and the round on the left, the
// question and the time left on the right.
func (m *session) header(w int) string {
	st := m.st
	left := st.Header.Render("styrka")
	trail := ""
	if m.me.Name != "" {
		trail = " " + m.me.Name
	}
	if m.inRound && (m.phase == phaseVote || m.phase == phaseMine) {
		trail += " › " + m.customer
	}
	var parts []string
	if m.inRound && m.phase == phaseVote && len(m.questions) > 0 {
		parts = append(parts, m.ref(m.index))
	}
	if m.inRound && (m.phase == phaseVote || m.phase == phaseMine) {
		if t := m.timeLeft(); t != "" {
			parts = append(parts, t)
		}
	}
	right := strings.Join(parts, " · ")
	room := w - lipgloss.Width(left) - ansi.StringWidth(right) - 1
	if room < 8 {
		right, room = "", w-lipgloss.Width(left)
	}
	trail = truncate(trail, max(room, 0))
	gap := max(w-lipgloss.Width(left)-ansi.StringWidth(trail)-ansi.StringWidth(right), 0)
	return left + st.Title.Render(trail) + strings.Repeat(" ", gap) + st.Muted.Render(right)
}

// timeLeft is the round's timebox as it runs down: "04:31 left", or ""
// without one.
func (m *session) timeLeft() string {
	r := m.round
	if r.TimeboxSeconds <= 0 || r.State != model.SilentOpen || r.Opened.IsZero() {
		return ""
	}
	left := r.Opened.Add(time.Duration(r.TimeboxSeconds) * time.Second).Sub(m.srv.o.Now())
	if left <= 0 {
		return m.T("serve.time.up")
	}
	s := int(left.Round(time.Second) / time.Second)
	return m.T("serve.time.left", fmt.Sprintf("%02d:%02d", s/60, s%60))
}

func (m *session) footer(w int, keys [][2]string) string {
	st := m.st
	var parts []string
	for _, k := range keys {
		parts = append(parts, st.Key.Render(k[0])+" "+st.KeyDesc.Render(k[1]))
	}
	return truncate(strings.Join(parts, st.Muted.Render(" • ")), w)
}

func (m *session) langView(w int) (string, [][2]string) {
	st := m.st
	var b strings.Builder
	b.WriteString("\n" + st.Title.Render("Språk · Language") + "\n\n")
	for i, name := range []string{"English", "Svenska"} {
		if i == m.langCursor {
			b.WriteString(st.Cursor.Render("› ") + st.Selected.Render(name) + "\n")
		} else {
			b.WriteString("  " + st.Text.Render(name) + "\n")
		}
	}
	// The hint speaks the language under the cursor.
	hint := m.srv.content([]string{"en", "sv"}[m.langCursor]).T("serve.lang.hint")
	b.WriteString("\n" + st.Muted.Render(wrap(hint, w)))
	return b.String(), [][2]string{{"↑/↓", m.T("serve.key.choose")}, {"enter", m.T("serve.key.continue")}, {"ctrl+c", m.T("serve.key.leave")}}
}

func (m *session) codeView(w int) (string, [][2]string) {
	st := m.st
	var b strings.Builder
	b.WriteString("\n" + st.Title.Render(truncate(m.T("serve.code.title"), w)) + "\n\n")
	b.WriteString(st.Text.Render(wrap(m.T("serve.code.intro"), w)) + "\n\n")
	b.WriteString(m.T("serve.code.label") + " " + m.input.View() + "\n")
	return b.String(), [][2]string{{"enter", m.T("serve.key.join")}, {"esc", m.T("serve.key.language")}, {"ctrl+c", m.T("serve.key.leave")}}
}

func (m *session) nameView(w int) (string, [][2]string) {
	st := m.st
	var b strings.Builder
	b.WriteString("\n" + st.Title.Render(truncate(m.T("serve.name.title"), w)) + "\n\n")
	b.WriteString(st.Text.Render(wrap(m.T("serve.name.intro"), w)) + "\n\n")
	b.WriteString(m.T("serve.name.label") + " " + m.input.View() + "\n")
	if names := m.input.AvailableSuggestions(); len(names) > 0 {
		b.WriteString("\n" + st.Muted.Render(wrap(m.T("serve.name.known", strings.Join(names, ", ")), w)) + "\n")
	}
	keys := [][2]string{{"enter", m.T("serve.key.join")}}
	if len(m.input.AvailableSuggestions()) > 0 {
		keys = append(keys, [2]string{"tab", m.T("serve.key.complete")})
	}
	return b.String(), append(keys, [2]string{"ctrl+c", m.T("serve.key.leave")})
}

func (m *session) waitView(w int) (string, [][2]string) {
	st := m.st
	var b strings.Builder
	b.WriteString("\n" + st.Title.Render(truncate(m.T("serve.wait.title", m.me.Name), w)) + "\n\n")
	text := m.T("serve.wait.text")
	if m.other != "" {
		text = m.T("serve.wait.other", m.other)
	}
	b.WriteString(st.Text.Render(wrap(text, w)) + "\n")
	return b.String(), [][2]string{{"q", m.T("serve.key.leave")}}
}

// voteView draws one question: the question, its help, the five anchors
// and don't know, then the note. What does not fit goes in this order:
// the help, then the anchors' second lines.
func (m *session) voteView(w, h int) (string, [][2]string) {
	st := m.st
	q := m.questions[m.index]
	mine, voted := m.mine(q.ID)

	status := st.Muted.Render(m.T("serve.progress", m.answered(), len(m.questions)))
	if voted {
		status += st.Muted.Render("  ·  ") + st.OK.Render(m.T("serve.yours", m.scoreLabel(mine.Score)))
	}
	if m.round.Revote(q.ID) > 0 {
		status += st.Muted.Render("  ·  ") + st.Warning.Render(m.T("serve.revote"))
	}
	head := []string{truncate(status, w), ""}
	text := strings.Split(wrap(q.Text, w), "\n")
	for i := range text {
		text[i] = st.Heading.Render(text[i])
	}
	help := strings.Split(wrap(q.Help, w), "\n")
	for i := range help {
		help[i] = st.Muted.Render(help[i])
	}

	labels := make([]string, 0, options)
	for i, a := range q.Anchors {
		labels = append(labels, fmt.Sprintf("%d  %s", i+1, a))
	}
	labels = append(labels, "0  "+m.T("answer.dontknow"))
	anchors := func(oneLine bool) []string {
		var out []string
		for i, l := range labels {
			marker, style := "  ", st.Text
			if i == m.cursor && !m.onNote {
				marker, style = st.Cursor.Render("› "), st.Selected
			}
			mark := "  "
			if voted && optionOf(mine.Score) == i {
				mark = st.OK.Render(" ✓")
			}
			room := max(w-4, 1)
			if oneLine {
				out = append(out, marker+style.Render(truncate(l, room))+mark)
				continue
			}
			for j, line := range strings.Split(wrapIndent(l, room, 3), "\n") {
				if j == 0 {
					out = append(out, marker+style.Render(line)+mark)
				} else {
					out = append(out, "  "+style.Render(line))
				}
			}
		}
		return out
	}

	note := m.T("serve.note.label") + " "
	if m.onNote {
		note += m.input.View()
	} else if voted && mine.Note != "" {
		note += st.Text.Render(truncate(mine.Note, max(w-ansi.StringWidth(note), 1)))
	} else {
		note = st.Muted.Render(note + m.T("serve.note.none"))
	}

	opts := anchors(false)
	lines := func(withHelp bool) int {
		n := len(head) + len(text) + 1 + len(opts) + 2
		if withHelp {
			n += len(help)
		}
		return n
	}
	withHelp := lines(true) <= h
	if !withHelp && lines(false) > h {
		opts = anchors(true)
	}
	if !withHelp && lines(true) <= h {
		withHelp = true
	}
	out := append([]string{}, head...)
	out = append(out, text...)
	if withHelp {
		out = append(out, help...)
	}
	out = append(out, "")
	out = append(out, opts...)
	out = append(out, "", truncate(note, w))

	var keys [][2]string
	if m.onNote {
		keys = [][2]string{{"enter", m.T("serve.key.savenext")}, {"esc", m.T("serve.key.rescore")}, {"ctrl+c", m.T("serve.key.leave")}}
	} else {
		keys = [][2]string{{"↑/↓", m.T("serve.key.choose")}, {"enter", m.T("serve.key.save")}, {"1–5/0", m.T("serve.key.pick")},
			{"←/→", m.T("serve.key.move")}, {"m", m.T("serve.key.mine")}, {"ctrl+c", m.T("serve.key.leave")}}
	}
	return strings.Join(out, "\n"), keys
}

// mineView lists the round's questions with the participant's own
// answers and, once the facilitator has revealed a question, how the
// team voted on it.
func (m *session) mineView(w, h int) (string, [][2]string) {
	st := m.st
	r := m.round
	title := m.T("serve.mine.title")
	sub := m.T("serve.mine.open")
	if r.State != model.SilentOpen {
		sub = m.T("serve.mine.revealed")
	}
	out := []string{st.Title.Render(truncate(title, w)), st.Muted.Render(truncate(sub, w)), ""}
	tallies := map[string]model.QuestionTally{}
	if r.State != model.SilentOpen {
		for _, t := range model.Tally(r, m.votes) {
			tallies[t.QuestionID] = t
		}
	}
	rows := make([]string, 0, len(m.questions))
	refW, rightW := 0, 0
	rights := make([]string, len(m.questions))
	for i, q := range m.questions {
		refW = max(refW, ansi.StringWidth(m.ref(i)))
		answer := m.T("serve.mine.none")
		if v, ok := m.mine(q.ID); ok {
			answer = m.scoreLabel(v.Score)
		}
		right := padLeft(answer, 10)
		if t, ok := tallies[q.ID]; ok && !r.Hidden(q.ID) {
			right += "  " + m.distribution(t)
			if a, ok := r.Agreed[q.ID]; ok {
				right += "  " + m.T("serve.mine.agreed", m.scoreLabel(a))
			}
		} else if _, ok := r.Accepts(q.ID); ok && r.State != model.SilentOpen {
			right += "  " + m.T("serve.revote")
		}
		rights[i] = right
		rightW = max(rightW, ansi.StringWidth(right))
	}
	textW := max(w-refW-rightW-6, 8)
	for i, q := range m.questions {
		line := padRight(m.ref(i), refW) + "  " + padRight(truncate(q.Text, textW), textW) + "  " + rights[i]
		if i == m.mineCursor {
			rows = append(rows, st.Cursor.Render("› ")+st.Selected.Render(truncate(line, w-2)))
		} else {
			rows = append(rows, "  "+st.Text.Render(truncate(line, w-2)))
		}
	}
	room := max(h-len(out), 1)
	off := 0
	if m.mineCursor >= room {
		off = m.mineCursor - room + 1
	}
	out = append(out, rows[off:min(off+room, len(rows))]...)
	keys := [][2]string{{"↑/↓", m.T("serve.key.choose")}}
	if len(r.Voting()) > 0 {
		keys = append(keys, [2]string{"enter", m.T("serve.key.change")})
	}
	return strings.Join(out, "\n"), append(keys, [2]string{"q", m.T("serve.key.leave")})
}

// distribution shows how many chose each level, and don't know:
// "1:0 2:1 3:4 4:1 5:0 ?:1".
func (m *session) distribution(t model.QuestionTally) string {
	var parts []string
	for s := 1; s <= model.Levels; s++ {
		parts = append(parts, fmt.Sprintf("%d:%d", s, t.Counts[s]))
	}
	parts = append(parts, fmt.Sprintf("?:%d", t.Counts[0]))
	out := strings.Join(parts, " ")
	if t.Flagged {
		out += " " + m.st.Warning.Render("⚑")
	}
	return out
}

// fit clips or pads s to exactly h lines of at most w cells.
func fit(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func padLeft(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// wrap word-wraps s to w cells, breaking words longer than a line.
func wrap(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Hardwrap(ansi.Wordwrap(s, w, ""), w, true)
}

// wrapIndent wraps s to w cells with the lines after the first indented
// by indent spaces.
func wrapIndent(s string, w, indent int) string {
	first := strings.SplitN(wrap(s, w), "\n", 2)
	if len(first) == 1 {
		return first[0]
	}
	rest := wrap(strings.ReplaceAll(first[1], "\n", " "), max(w-indent, 1))
	pad := strings.Repeat(" ", indent)
	return first[0] + "\n" + pad + strings.ReplaceAll(rest, "\n", "\n"+pad)
}

package screen

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Confirm asks before anything destructive. It is drawn over the screen
// that asked; its yes key is the language's own (y in English, j in
// Swedish, never both); enter, n and esc keep everything, so the default
// is no; and for a short grace period after it opens it ignores every
// key, so that one typed just before it appeared does not answer it.
type Confirm struct {
	text   string
	onYes  tea.Cmd
	onNo   tea.Cmd
	owner  ID
	opened time.Time
	armed  bool
}

// NewConfirm asks text; onYes runs (addressed to the screen that asked)
// when the user says yes.
func NewConfirm(text string, onYes tea.Cmd) *Confirm {
	return &Confirm{text: text, onYes: onYes}
}

// OnNo sets what runs when the user says no.
func (d *Confirm) OnNo(cmd tea.Cmd) *Confirm { d.onNo = cmd; return d }

// Text is the question asked.
func (d *Confirm) Text() string { return d.text }

// Armed reports whether the grace period is over.
func (d *Confirm) Armed() bool { return d.armed }

// armMsg ends a dialog's grace period.
type armMsg struct{ d *Confirm }

func (s *Stack) open(d *Confirm, owner ID) tea.Cmd {
	d.owner, d.opened, d.armed = owner, s.o.Now(), false
	s.dialog = d
	s.showHelp = false
	// A tick redraws the dialog with its keys once it takes them.
	return tea.Tick(s.o.Grace, func(time.Time) tea.Msg { return armMsg{d} })
}

// Arm ends the grace period of the open dialog at once (for tests that
// drive the stack without a clock).
func (s *Stack) arm() {
	if d := s.dialog; d != nil && !d.armed && s.o.Now().Sub(d.opened) >= s.o.Grace {
		d.armed = true
	}
}

func (s *Stack) dialogKey(msg tea.KeyPressMsg) tea.Cmd {
	d := s.dialog
	s.arm()
	if !d.armed {
		return nil
	}
	k := s.o.Keys
	switch {
	case key.Matches(msg, k.Yes):
		s.dialog = nil
		return s.address(d.owner, d.onYes)
	case key.Matches(msg, k.No), msg.String() == "enter":
		s.dialog = nil
		return s.address(d.owner, d.onNo)
	}
	return nil
}

// over draws the dialog in the middle of body, which stays visible
// around it.
func (d *Confirm) over(s *Stack, body string, w, h int) string {
	st := s.st
	k := s.o.Keys
	inner := max(min(w-8, 64), 10)
	hint := st.Muted.Render(s.o.Texts("tui.confirm.wait"))
	if d.armed || s.o.Now().Sub(d.opened) >= s.o.Grace {
		hint = st.Key.Render(k.Yes.Help().Key) + " " + st.KeyDesc.Render(k.Yes.Help().Desc) + "   " +
			st.Key.Render(k.No.Help().Key) + " " + st.KeyDesc.Render(k.No.Help().Desc)
	}
	box := st.Dialog.Render(st.Text.Render(Wrap(d.text, inner)) + "\n\n" + hint)
	lines := strings.Split(box, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	box = strings.Join(lines, "\n")
	bw, bh := lipgloss.Width(box), len(lines)
	if bw > w {
		box = Fit(box, w, bh)
		bw = w
	}
	x, y := max((w-bw)/2, 0), max((h-bh)/2, 0)
	out := lipgloss.NewCompositor(lipgloss.NewLayer(body), lipgloss.NewLayer(box).X(x).Y(y).Z(1)).Render()
	return Fit(out, w, h)
}

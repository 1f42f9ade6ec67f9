// Package answer is the one answer card of styrka: a question with its
// help, its five anchored levels and "don't know", and an optional
// evidence note. The workshop app's question screen, its hot seat and the
// participants' vote screen over SSH all ask through it; the host decides
// where a pick goes (an answer, a vote, a re-vote).
//
// Nothing is chosen for the user: a question opens with no level
// highlighted unless it already has an answer, and enter on an untouched
// question picks nothing.
package answer

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/screen"
	"styrka/ui/styles"
)

// Keys are the card's bindings.
type Keys struct {
	// Pick chooses a level by its number, 0 for don't know.
	Pick key.Binding
	// Up and Down move the highlight; Choose takes the highlighted level,
	// or moves on when nothing is highlighted.
	Up, Down, Choose key.Binding
	// Note moves to the evidence note and back.
	Note, Leave key.Binding
}

// Event is what a key press on the card asks its host to do.
type Event int

const (
	// None: nothing for the host.
	None Event = iota
	// Picked: a level was chosen (Score); save it and move on.
	Picked
	// Skipped: enter on a question with nothing chosen; move on and save
	// nothing.
	Skipped
	// Kept: enter on the answer already given; move on, nothing changed.
	Kept
	// NoteDone: enter in the note; save it with the score as it is and
	// move on.
	NoteDone
	// NoteLeft: the note was left for the levels; save it if it changed.
	NoteLeft
	// NoScore: the note was finished before any level is chosen; it waits
	// for the level, which saves both.
	NoScore
)

// Options is what the options list shows as choices: levels 1–5, then
// don't know.
const Options = model.Levels + 1

// noteLimit is the longest evidence note, as everywhere a note is typed.
const noteLimit = 500

// noCursor is the highlight of an untouched question.
const noCursor = -1

// Card asks one question.
type Card struct {
	q        model.Question
	dontKnow string
	noteHelp string
	styles   func() *styles.Styles
	keys     Keys

	cursor int // noCursor, 0–4 for levels 1–5, 5 for don't know
	// current is the answer given before, if any.
	current *model.Score
	score   model.Score // the pick, valid when picked
	picked  bool
	note    textinput.Model
	onNote  bool
	width   int
}

// Texts are the card's own words.
type Texts struct {
	DontKnow    string // "Don't know"
	NoteLabel   string // "Evidence (optional): source, who, when"
	Placeholder string
}

// New opens a card on q. current is the answer or vote already given
// (nil when none), and note its evidence note.
func New(q model.Question, current *model.Score, note string, t Texts, k Keys, st func() *styles.Styles) *Card {
	c := &Card{q: q, dontKnow: t.DontKnow, noteHelp: t.NoteLabel, styles: st, keys: k, cursor: noCursor}
	if current != nil {
		s := *current
		c.current = &s
		c.cursor = optionOf(s)
	}
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = t.Placeholder
	in.CharLimit = noteLimit
	in.ShowSuggestions = false
	in.SetValue(note)
	c.note = in
	c.restyle()
	return c
}

func (c *Card) restyle() {
	s := textinput.DefaultStyles(c.styles().IsDark)
	s.Cursor.Blink = false
	c.note.SetStyles(s)
	c.note.SetVirtualCursor(true)
}

// optionOf is the option of a score; ScoreOf the score of an option.
func optionOf(s model.Score) int {
	if s.Known() {
		return int(s) - 1
	}
	return model.Levels
}

// ScoreOf is the score of option i (0–4 levels 1–5, 5 don't know).
func ScoreOf(option int) model.Score {
	if option >= model.Levels {
		return model.DontKnow
	}
	return model.Score(option + 1)
}

// Question is the question asked.
func (c *Card) Question() model.Question { return c.q }

// Score is the level picked on this card, or else the answer given
// before; ok is false when there is neither.
func (c *Card) Score() (model.Score, bool) {
	if c.picked {
		return c.score, true
	}
	if c.current != nil {
		return *c.current, true
	}
	return 0, false
}

// Picked reports whether a level was chosen on this card.
func (c *Card) Picked() bool { return c.picked }

// Note is the evidence note as typed, cleaned.
func (c *Card) Note() string { return model.CleanNote(c.note.Value()) }

// OnNote reports whether the note has the focus.
func (c *Card) OnNote() bool { return c.onNote }

// Highlighted is the option under the highlight, or -1.
func (c *Card) Highlighted() int { return c.cursor }

// SetWidth sizes the card.
func (c *Card) SetWidth(w int) {
	c.width = w
	c.note.SetWidth(max(min(w-4, 80), 8))
}

// FocusNote moves to the note. A note may come before the level: it is
// saved with the level once one is chosen.
func (c *Card) FocusNote() (tea.Cmd, Event) {
	c.onNote = true
	c.note.CursorEnd()
	return c.note.Focus(), None
}

// LeaveNote leaves the note for the levels, as the Leave key does (for a
// host that gives esc that meaning too).
func (c *Card) LeaveNote() Event {
	if !c.onNote {
		return None
	}
	c.onNote = false
	c.note.Blur()
	return NoteLeft
}

// Label names a score: "4", or dontKnow.
func Label(s model.Score, dontKnow string) string {
	if !s.Known() {
		return dontKnow
	}
	return fmt.Sprint(int(s))
}

// Restyle follows a new look.
func (c *Card) Restyle() { c.restyle() }

// Update takes a key press or a paste.
func (c *Card) Update(msg tea.Msg) (tea.Cmd, Event) {
	if c.onNote {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case k.String() == "enter":
				c.onNote = false
				c.note.Blur()
				if _, ok := c.Score(); !ok {
					return nil, NoScore
				}
				return nil, NoteDone
			case key.Matches(k, c.keys.Leave):
				c.onNote = false
				c.note.Blur()
				return nil, NoteLeft
			}
		}
		var cmd tea.Cmd
		c.note, cmd = c.note.Update(msg)
		return cmd, None
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, None
	}
	switch {
	case key.Matches(k, c.keys.Pick):
		c.choose(optionOf(model.Score(k.Code - '0')))
		return nil, Picked
	case key.Matches(k, c.keys.Up):
		if c.cursor <= 0 {
			c.cursor = Options - 1
		} else {
			c.cursor--
		}
	case key.Matches(k, c.keys.Down):
		c.cursor = (c.cursor + 1) % Options
	case key.Matches(k, c.keys.Choose):
		switch {
		case c.cursor == noCursor:
			return nil, Skipped
		case c.current != nil && !c.picked && optionOf(*c.current) == c.cursor:
			return nil, Kept
		}
		c.choose(c.cursor)
		return nil, Picked
	case key.Matches(k, c.keys.Note):
		return c.FocusNote()
	}
	return nil, None
}

func (c *Card) choose(option int) {
	c.cursor = option
	c.score, c.picked = ScoreOf(option), true
}

// View draws the question, its help, the options and the note.
func (c *Card) View() string {
	st := c.styles()
	w := max(c.width, 20)
	var b strings.Builder
	b.WriteString(st.Heading.Render(screen.Wrap(c.q.Text, w)))
	if c.q.Help != "" {
		b.WriteString("\n" + st.Muted.Render(screen.Wrap(c.q.Help, w)))
	}
	b.WriteString("\n\n")
	chosen := -1
	if s, ok := c.Score(); ok {
		chosen = optionOf(s)
	}
	for i := range Options {
		label := c.dontKnow
		num := "0"
		if i < model.Levels {
			num = fmt.Sprint(i + 1)
			if i < len(c.q.Anchors) {
				label = c.q.Anchors[i]
			}
		}
		marker := "  "
		if i == c.cursor && !c.onNote {
			marker = st.Cursor.Render("▸ ")
		}
		mark := "  "
		if i == chosen {
			mark = st.OK.Render("● ")
		}
		line := num + " · " + label
		text := st.Text
		if i == c.cursor && !c.onNote {
			text = st.Selected
		}
		indent := ansi.StringWidth(marker) + ansi.StringWidth(mark)
		wrapped := strings.Split(screen.Wrap(line, max(w-indent, 8)), "\n")
		for j, l := range wrapped {
			if j == 0 {
				b.WriteString(marker + mark + text.Render(l))
			} else {
				b.WriteString("\n" + strings.Repeat(" ", indent+4) + text.Render(strings.TrimLeft(l, " ")))
			}
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	label := st.Muted.Render(c.noteHelp)
	if c.onNote {
		label = st.Key.Render(c.noteHelp)
	}
	b.WriteString(screen.Truncate(label, w) + "\n" + "  " + c.note.View())
	return b.String()
}

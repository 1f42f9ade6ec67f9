package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// filterBox is the "/ type to filter" line of a list. While it has the
// focus, keys are text; enter keeps the filter, esc clears it.
type filterBox struct {
	input  textinput.Model
	typing bool
}

func newFilterBox(placeholder string) filterBox {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 60
	return filterBox{input: in}
}

// Focus starts typing into the filter.
func (f *filterBox) Focus() tea.Cmd {
	f.typing = true
	return f.input.Focus()
}

// Value is the filter as typed.
func (f *filterBox) Value() string { return f.input.Value() }

// SetValue replaces the filter's text.
func (f *filterBox) SetValue(s string) { f.input.SetValue(s) }

// SetWidth sizes the input.
func (f *filterBox) SetWidth(w int) { f.input.SetWidth(w) }

// Shown reports whether the filter line is worth drawing.
func (f *filterBox) Shown() bool { return f.typing || f.input.Value() != "" }

// View draws the filter line.
func (f *filterBox) View() string { return f.input.View() }

// Update takes a key press or a paste while the filter has the focus;
// changed reports that the list must be filtered again.
func (f *filterBox) Update(msg tea.Msg) (changed bool, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "enter":
			f.typing = false
			f.input.Blur()
			return false, nil
		case "esc":
			f.typing = false
			f.input.Blur()
			f.input.SetValue("")
			return true, nil
		}
	}
	before := f.input.Value()
	f.input, cmd = f.input.Update(msg)
	return f.input.Value() != before, cmd
}

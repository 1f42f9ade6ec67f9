package screen

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Filter is the "/ type to filter" line of a list. While it has the
// focus, keys are text; enter keeps the filter, esc clears it.
type Filter struct {
	input  textinput.Model
	typing bool
}

// NewFilter makes a filter line with a placeholder.
func NewFilter(placeholder string) Filter {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 60
	return Filter{input: in}
}

// Typing reports whether the filter has the focus.
func (f *Filter) Typing() bool { return f.typing }

// Focus starts typing into the filter.
func (f *Filter) Focus() tea.Cmd {
	f.typing = true
	return f.input.Focus()
}

// Value is the filter as typed.
func (f *Filter) Value() string { return f.input.Value() }

// SetValue replaces the filter's text.
func (f *Filter) SetValue(s string) { f.input.SetValue(s) }

// SetWidth sizes the input.
func (f *Filter) SetWidth(w int) { f.input.SetWidth(w) }

// Shown reports whether the filter line is worth drawing.
func (f *Filter) Shown() bool { return f.typing || f.input.Value() != "" }

// View draws the filter line.
func (f *Filter) View() string { return f.input.View() }

// Update takes a key press or a paste while the filter has the focus;
// changed reports that the list must be filtered again.
func (f *Filter) Update(msg tea.Msg) (changed bool, cmd tea.Cmd) {
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

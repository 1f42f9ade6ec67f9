// Package screen is the kit both of styrka's Bubble Tea programs are
// built from: the facilitator's workshop app and the participants' app
// served over SSH. It holds the Screen contract, the Stack that shows one
// screen at a time with a header, a status line, a footer of keys and a
// help page, the confirm dialog drawn over the screen beneath, and the
// text helpers that keep every line inside the window.
//
// A screen's commands are addressed: whatever a command returns comes
// back to the screen that issued it and to no other (as gh-dash's
// MakeSectionCmd does). Only DataChanged goes to every screen. So no
// screen ever has to guess whether a message is its own.
package screen

import (
	"reflect"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Screen is one page of a program.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View draws the screen into the size last given to SetSize.
	View() string
	SetSize(width, height int)
	// Title is the screen's part of the breadcrumb in the header.
	Title() string
	// ShortHelp lists the keys for the footer, FullHelp for the help
	// page (the screen is a help.KeyMap).
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Typing reports whether a text field has the focus, so that q, ?
	// and esc belong to the field and not to the program.
	Typing() bool
}

// EscHandler is a screen that uses esc itself at times (to clear a
// filter, say) instead of going back.
type EscHandler interface{ HandlesEsc() bool }

// Flusher is a screen holding input that is not saved yet; Flush returns
// the command that saves it, run before the screen closes or the program
// quits.
type Flusher interface{ Flush() tea.Cmd }

// ID names one screen on a stack for as long as it lives.
type ID uint64

// Addressed is a command's result on its way back to the screen that
// issued the command.
type Addressed struct {
	To  ID
	Msg tea.Msg
}

// cmdList is the type of tea.Batch's and tea.Sequence's messages' items.
var cmdType = reflect.TypeFor[tea.Cmd]()

// Address wraps cmd so that its result comes back as Addressed to id. A
// batch or a sequence of commands stays one, each of its commands
// addressed in turn, so that Bubble Tea still runs them as it would.
func Address(id ID, cmd tea.Cmd) tea.Cmd { return address(id, cmd, nil) }

// address is Address, dropping the commands skip picks.
func address(id ID, cmd tea.Cmd, skip func(tea.Cmd) bool) tea.Cmd {
	if cmd == nil || (skip != nil && skip(cmd)) {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if msg == nil {
			return nil
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			out := make(tea.BatchMsg, len(b))
			for i, c := range b {
				out[i] = address(id, c, skip)
			}
			return out
		}
		// A sequence is a list of commands of a type Bubble Tea keeps to
		// itself; it is recognised by its shape, never by its name.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				c, _ := v.Index(i).Interface().(tea.Cmd)
				out.Index(i).Set(reflect.ValueOf(address(id, c, skip)))
			}
			return out.Interface()
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			// Quitting is the program's, whoever asks.
			return msg
		}
		return Addressed{To: id, Msg: msg}
	}
}

// Messages screens send upward to the stack.
type (
	// PushMsg opens a screen on top of the current one.
	PushMsg struct{ Screen Screen }
	// PopMsg goes back to the screen below.
	PopMsg struct{}
	// ReplaceMsg swaps the current screen for another.
	ReplaceMsg struct{ Screen Screen }
	// StatusMsg shows a short message above the footer; Undo offers the
	// undo key beside it.
	StatusMsg struct {
		Text string
		Err  bool
	}
	// ConfirmMsg opens a confirm dialog over the current screen.
	ConfirmMsg struct{ Dialog *Confirm }
)

// DataChanged tells every screen that what they show may have changed:
// the open workshop was reloaded, or (Team) its team scoring. Top is true
// for the screen on top of the stack; Shown is true when that screen has
// just come back into view because the one above it closed.
type DataChanged struct {
	Top, Shown, Team bool
}

// Push opens s on top of the current screen.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{s} } }

// Pop goes back to the screen below.
func Pop() tea.Msg { return PopMsg{} }

// Replace swaps the current screen for s.
func Replace(s Screen) tea.Cmd { return func() tea.Msg { return ReplaceMsg{s} } }

// Status shows text in the status line.
func Status(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text} } }

// StatusError shows text in the status line as an error.
func StatusError(text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Err: true} }
}

// Ask opens a confirm dialog.
func Ask(d *Confirm) tea.Cmd { return func() tea.Msg { return ConfirmMsg{d} } }

// Package keys holds the terminal UI's key bindings, named by what they
// do, with their help texts in the user's language.
package keys

import "charm.land/bubbles/v2/key"

// KeyMap is every binding of the UI. Screens pick the ones they use and
// list them for the footer and the help screen.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	PageUp, PageDown      key.Binding
	Home, End             key.Binding
	Enter                 key.Binding
	Back                  key.Binding
	New, Edit, Delete     key.Binding
	Map                   key.Binding
	Filter                key.Binding
	Sort                  key.Binding
	Help                  key.Binding
	Quit                  key.Binding
	ForceQuit             key.Binding
	View                  key.Binding
	Next, Prev            key.Binding
	Segment               key.Binding
	Answer                key.Binding
	SetA, SetB, Quick     key.Binding
	Brief                 key.Binding
	NextQuestion          key.Binding
	PrevQuestion          key.Binding
	NextUnanswered        key.Binding
	Undo                  key.Binding
	Demo                  key.Binding
	Yes, No               key.Binding
	Export, Import        key.Binding
	// Action plans and rounds.
	Take, Plan, Done   key.Binding
	OwnerFilter        key.Binding
	StatusFilter       key.Binding
	CloseRound, Trails key.Binding
	// Team scoring: participants, silent rounds, the hot seat and the
	// reveal.
	Participants, Silent key.Binding
	HotSeat, Reveal      key.Binding
	Agree, Revote        key.Binding
	Medians, CloseSilent key.Binding
	// Serve starts or stops the SSH server for participants.
	Serve key.Binding
}

// Texts translates the help texts; it is the content's T.
type Texts func(key string, args ...any) string

// New builds the key map with help texts in the user's language.
func New(t Texts) KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], t("key."+help)))
	}
	k := KeyMap{
		Up:             b("up", "up", "k"),
		Down:           b("down", "down", "j"),
		Left:           b("left", "left", "h"),
		Right:          b("right", "right", "l"),
		PageUp:         b("pageup", "pgup"),
		PageDown:       b("pagedown", "pgdown", "space"),
		Home:           b("home", "home", "g"),
		End:            b("end", "end", "G"),
		Enter:          b("enter", "enter"),
		Back:           b("back", "esc"),
		New:            b("new", "n"),
		Edit:           b("edit", "e"),
		Delete:         b("delete", "d"),
		Map:            b("map", "m"),
		Filter:         b("filter", "/"),
		Sort:           b("sort", "s"),
		Help:           b("help", "?"),
		Quit:           b("quit", "q"),
		ForceQuit:      b("forcequit", "ctrl+c"),
		View:           b("view", "v"),
		Next:           b("next", "tab"),
		Prev:           b("prev", "shift+tab"),
		Segment:        b("segment", "1", "2", "3", "4"),
		Answer:         b("answer", "a"),
		SetA:           b("seta", "A"),
		SetB:           b("setb", "B"),
		Quick:          b("quick", "f"),
		Brief:          b("brief", "b"),
		NextQuestion:   b("nextq", "pgdown", "ctrl+n"),
		PrevQuestion:   b("prevq", "pgup", "ctrl+p"),
		NextUnanswered: b("unanswered", "ctrl+j"),
		Undo:           b("undo", "ctrl+z", "u"),
		Demo:           b("demo", "o"),
		Yes:            b("yes", "y", "j"),
		No:             b("no", "n", "esc"),
		Export:         b("export", "x"),
		Import:         b("import", "i"),
		Take:           b("take", "t"),
		Plan:           b("plan", "p"),
		Done:           b("done", "c"),
		OwnerFilter:    b("ownerfilter", "o"),
		StatusFilter:   b("statusfilter", "s"),
		CloseRound:     b("closeround", "R"),
		Trails:         b("trails", "r"),
		Participants:   b("participants", "P"),
		Silent:         b("silent", "S"),
		HotSeat:        b("hotseat", "h"),
		Reveal:         b("reveal", "r"),
		Agree:          b("agree", "enter", "a"),
		Revote:         b("revote", "v"),
		Medians:        b("medians", "M"),
		CloseSilent:    b("closesilent", "c"),
		Serve:          b("serve", "J"),
	}
	// Help labels that read better than the first key.
	k.Up.SetHelp("↑/k", t("key.up"))
	k.Down.SetHelp("↓/j", t("key.down"))
	k.Left.SetHelp("←/h", t("key.left"))
	k.Right.SetHelp("→/l", t("key.right"))
	k.Segment.SetHelp("1–4", t("key.segment"))
	k.Yes.SetHelp(t("key.yes.key"), t("key.yes"))
	k.NextQuestion.SetHelp("pgdn", t("key.nextq"))
	k.PrevQuestion.SetHelp("pgup", t("key.prevq"))
	return k
}

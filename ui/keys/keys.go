// Package keys holds the terminal UI's key bindings, named by what they
// do and grouped by the area that uses them, with their help texts in the
// user's language. Each group is embedded in KeyMap, so a screen writes
// k.Up or k.Delete; a test asserts that no two bindings a screen shows
// share a key.
package keys

import (
	"charm.land/bubbles/v2/key"

	"styrka/ui/answer"
	"styrka/ui/screen"
)

// Global are the keys every screen has.
type Global struct {
	Help, Quit, Back, ForceQuit key.Binding
}

// List moves through lists, tables and long pages.
type List struct {
	Up, Down, Left, Right key.Binding
	PageUp, PageDown      key.Binding
	Home, End             key.Binding
	Enter                 key.Binding
}

// Confirm answers a confirm dialog. Yes is the language's own key: y in
// English, j in Swedish, never both.
type Confirm struct {
	Yes, No key.Binding
}

// Records are the keys that change a list's records.
type Records struct {
	New, Edit, Delete key.Binding
	// Restore undoes the last delete.
	Restore      key.Binding
	Filter, Sort key.Binding
}

// Question are the keys of the question screen beside the answer card's.
type Question struct {
	Pick, Choose, Note, Leave key.Binding
	NextQuestion              key.Binding
	PrevQuestion              key.Binding
	NextUnanswered            key.Binding
	Undo                      key.Binding
}

// Workshop are the keys of the workshop's screens: customers, map,
// segments and briefs.
type Workshop struct {
	Map, View, Next, Prev key.Binding
	Segment               key.Binding
	Answer                key.Binding
	SetA, SetB, Quick     key.Binding
	Brief                 key.Binding
	Stable                key.Binding
	WhatIf                key.Binding
	Demo                  key.Binding
	Export, Import        key.Binding
}

// Planning are the keys of action plans and rounds.
type Planning struct {
	Take, Plan, Done   key.Binding
	OwnerFilter        key.Binding
	StatusFilter       key.Binding
	CloseRound, Trails key.Binding
}

// Account are the keys of a customer's account planning, from its brief:
// the buying centre, the negotiation worksheet, the target and the
// checklist to validate with the customer; and the portfolio, from the
// customer list.
type Account struct {
	Centre, Worksheet, Target, Checklist key.Binding
	// Tick confirms an answer with the customer, or takes it back;
	// Source cycles where the answer comes from.
	Tick, Source key.Binding
	Portfolio    key.Binding
}

// Team are the keys of team scoring: participants, silent rounds, the
// hot seat, the reveal and the SSH server.
type Team struct {
	Participants, Silent key.Binding
	HotSeat, Reveal      key.Binding
	Agree, Revote        key.Binding
	Medians, CloseSilent key.Binding
	// Latecomer adds a participant to an open silent round.
	Latecomer key.Binding
	Serve     key.Binding
}

// Participant are the keys of the participants' app over SSH beside the list,
// question and global ones; their help texts are the serve.key texts.
type Participant struct {
	// Continue takes the language chosen, Join the code or name typed.
	Continue, Join key.Binding
	// PrevVote and NextVote move between the round's questions, MyAnswers
	// shows the participant's answers, Change opens one of them again.
	PrevVote, NextVote key.Binding
	MyAnswers, Change  key.Binding
	// Language goes back from the join code to the language, OtherName
	// from a name bound to someone else to the name; Ask asks the
	// facilitator to let one in under it.
	Language, OtherName, Ask key.Binding
}

// KeyMap is every binding of the UI, by area.
type KeyMap struct {
	Global
	List
	Confirm
	Records
	Question
	Workshop
	Planning
	Account
	Team
	Participant
}

// Texts translates the help texts; it is the content's T.
type Texts func(key string, args ...any) string

// New builds the key map with help texts in the user's language.
func New(t Texts) KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], t("key."+help)))
	}
	yes := t("key.yes.key")
	k := KeyMap{
		Global: Global{
			Help:      b("help", "?"),
			Quit:      b("quit", "q"),
			Back:      b("back", "esc"),
			ForceQuit: b("forcequit", "ctrl+c"),
		},
		List: List{
			Up:       b("up", "up", "k"),
			Down:     b("down", "down", "j"),
			Left:     b("left", "left", "h"),
			Right:    b("right", "right", "l"),
			PageUp:   b("pageup", "pgup"),
			PageDown: b("pagedown", "pgdown", "space"),
			Home:     b("home", "home", "g"),
			End:      b("end", "end", "G"),
			Enter:    b("enter", "enter"),
		},
		Confirm: Confirm{
			Yes: b("yes", yes),
			No:  b("no", "n", "esc"),
		},
		Records: Records{
			New:     b("new", "n"),
			Edit:    b("edit", "e"),
			Delete:  b("delete", "d"),
			Restore: b("restore", "u"),
			Filter:  b("filter", "/"),
			Sort:    b("sort", "s"),
		},
		Question: Question{
			Pick:           b("q.pick", "1", "2", "3", "4", "5", "0"),
			Choose:         b("q.enter", "enter"),
			Note:           b("q.note", "tab"),
			Leave:          b("q.rescore", "shift+tab"),
			NextQuestion:   b("nextq", "pgdown", "ctrl+n"),
			PrevQuestion:   b("prevq", "pgup", "ctrl+p"),
			NextUnanswered: b("unanswered", "ctrl+j"),
			Undo:           b("undo", "ctrl+z", "u"),
		},
		Workshop: Workshop{
			Map:     b("map", "m"),
			View:    b("view", "v"),
			Next:    b("next", "tab"),
			Prev:    b("prev", "shift+tab"),
			Segment: b("segment", "1", "2", "3", "4"),
			Answer:  b("answer", "a"),
			SetA:    b("seta", "A"),
			SetB:    b("setb", "B"),
			Quick:   b("quick", "f"),
			Brief:   b("brief", "b"),
			Stable:  b("stable", "L"),
			WhatIf:  b("whatif", "w"),
			Demo:    b("demo", "o"),
			Export:  b("export", "x"),
			Import:  b("import", "i"),
		},
		Planning: Planning{
			Take:         b("take", "t"),
			Plan:         b("plan", "p"),
			Done:         b("done", "c"),
			OwnerFilter:  b("ownerfilter", "o"),
			StatusFilter: b("statusfilter", "s"),
			CloseRound:   b("closeround", "R"),
			Trails:       b("trails", "r"),
		},
		Account: Account{
			Centre:    b("centre", "c"),
			Worksheet: b("worksheet", "N"),
			Target:    b("target", "T"),
			Checklist: b("checklist", "V"),
			Tick:      b("tick", "space", "x"),
			Source:    b("source", "s"),
			Portfolio: b("portfolio", "O"),
		},
		Team: Team{
			Participants: b("participants", "P"),
			Silent:       b("silent", "S"),
			HotSeat:      b("hotseat", "h"),
			Reveal:       b("reveal", "r"),
			Agree:        b("agree", "enter", "a"),
			Revote:       b("revote", "v"),
			Medians:      b("medians", "M"),
			CloseSilent:  b("closesilent", "c"),
			Latecomer:    b("latecomer", "+"),
			Serve:        b("serve", "J"),
		},
	}
	sb := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], t("serve.key."+help)))
	}
	k.Participant = Participant{
		Continue:  sb("continue", "enter"),
		Join:      sb("join", "enter"),
		PrevVote:  sb("prev", "left", "h", "pgup"),
		NextVote:  sb("next", "right", "l", "pgdown"),
		MyAnswers: sb("mine", "m"),
		Change:    sb("change", "enter"),
		Language:  sb("language", "esc"),
		OtherName: sb("othername", "esc"),
		Ask:       sb("ask", "tab"),
	}
	k.PrevVote.SetHelp("←", t("serve.key.prev"))
	k.NextVote.SetHelp("→", t("serve.key.next"))
	// Help labels that read better than the first key.
	k.Up.SetHelp("↑/k", t("key.up"))
	k.Down.SetHelp("↓/j", t("key.down"))
	k.Left.SetHelp("←/h", t("key.left"))
	k.Right.SetHelp("→/l", t("key.right"))
	k.Segment.SetHelp("1–4", t("key.segment"))
	k.Pick.SetHelp("1–5/0", t("key.q.pick"))
	k.NextQuestion.SetHelp("pgdn", t("key.nextq"))
	k.PrevQuestion.SetHelp("pgup", t("key.prevq"))
	return k
}

// Stack is the screen kit's part of the key map.
func (k KeyMap) Stack() screen.Keys {
	return screen.Keys{Help: k.Help, Quit: k.Quit, Back: k.Back, ForceQuit: k.ForceQuit, Yes: k.Yes, No: k.No}
}

// Lists is the screen kit's list keys.
func (k KeyMap) Lists() screen.ListKeys {
	return screen.ListKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Home: k.Home, End: k.End}
}

// Card is the answer card's part of the key map.
func (k KeyMap) Card() answer.Keys {
	return answer.Keys{Pick: k.Pick, Up: k.Up, Down: k.Down, Choose: k.Choose, Note: k.Note, Leave: k.Leave}
}

package workbench

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/store"
	"styrka/ui/screen"
)

// Workshop is the workshop that is open, as the screens see it: the
// store it lives in, who is at the keyboard, its data, who is connected
// over SSH. Screens read it and ask for store writes, which it joins to
// the program's one serial queue; only the root changes it (through its
// Owner), from the results of those writes.
type Workshop struct {
	store  store.Store
	author string
	// data is the open workshop, or nil.
	data *model.Dataset
	// presence is who is connected over SSH, by participant ID, while
	// the server runs: the open connections, 0 for one who dropped.
	presence map[string]int
	// focus is the customer the customer list selects the next time it
	// reloads (one just added), or "".
	focus string
	// writes is the serial queue every store write of the program joins.
	writes *screen.Writes
	// elsewhere is set while data is a reload that another process's
	// writes brought (a shared database): changedBy names who changed
	// which answers ("customerID/questionID"), and everything is taken as
	// changed when anyAnswer is set (the change was not named).
	elsewhere bool
	anyAnswer bool
	changedBy map[string]string
}

// Owner changes the open workshop. The root holds the only one.
type Owner struct{ w *Workshop }

// NewWorkshop is a program's workshop, none open yet, in the store; author
// is recorded with every answer.
func NewWorkshop(db store.Store, author string) (*Workshop, Owner) {
	w := &Workshop{store: db, author: author, writes: &screen.Writes{}}
	return w, Owner{w}
}

// Data is the open workshop, or nil.
func (w *Workshop) Data() *model.Dataset { return w.data }

// Store is the database, for commands that read it.
func (w *Workshop) Store() store.Store { return w.store }

// Author is who is at the keyboard, recorded with every answer.
func (w *Workshop) Author() string { return w.author }

// Connections is how many connections a participant has over SSH while
// the server runs (0 for one who dropped); ok is false for one who never
// connected or when no server runs.
func (w *Workshop) Connections(participantID string) (n int, ok bool) {
	n, ok = w.presence[participantID]
	return n, ok
}

// TakeFocus is the customer the customer list selects once (one just
// added or edited), or "".
func (w *Workshop) TakeFocus() string {
	f := w.focus
	w.focus = ""
	return f
}

// CustomerName is the name of a customer of the open workshop, or "".
func (w *Workshop) CustomerName(id string) string {
	if w.data == nil {
		return ""
	}
	for _, cu := range w.data.Customers {
		if cu.ID == id {
			return cu.Name
		}
	}
	return ""
}

// ChangedElsewhere says whether the last reload brought a change of a
// customer's answer made on another screen (another styrka on the same
// database), and by whom ("" when it is not known): a screen showing that
// answer tells the user, so that an edit replaced is never replaced
// silently.
func (w *Workshop) ChangedElsewhere(customerID, questionID string) (by string, ok bool) {
	if !w.elsewhere {
		return "", false
	}
	if by, ok := w.changedBy[customerID+"/"+questionID]; ok {
		return by, true
	}
	return "", w.anyAnswer
}

// Assess scores the open workshop's customers on the questions, ranked by
// priority.
func (w *Workshop) Assess(questions []model.Question) []model.Assessment {
	if w.data == nil {
		return nil
	}
	return model.Rank(w.data.Assess(questions))
}

// Participants are the open workshop's participants.
func (w *Workshop) Participants() []model.Participant {
	if w.data == nil {
		return nil
	}
	return w.data.Participants
}

// Participant finds a participant of the open workshop.
func (w *Workshop) Participant(id string) (model.Participant, bool) {
	for _, p := range w.Participants() {
		if p.ID == id {
			return p, true
		}
	}
	return model.Participant{}, false
}

// SilentRound finds a silent round of the open workshop.
func (w *Workshop) SilentRound(id string) (model.SilentRound, bool) {
	if w.data == nil {
		return model.SilentRound{}, false
	}
	for _, r := range w.data.SilentRounds {
		if r.ID == id {
			return r, true
		}
	}
	return model.SilentRound{}, false
}

// RoundVotes are the votes of one silent round.
func (w *Workshop) RoundVotes(id string) []model.Vote {
	if w.data == nil {
		return nil
	}
	var out []model.Vote
	for _, v := range w.data.Votes {
		if v.RoundID == id {
			out = append(out, v)
		}
	}
	return out
}

// Serial joins a store write to the program's queue, so that writes land
// in the order they were given (a score, its note, an undo). Every store
// write of the program joins the queue: here when it is sure to run, or
// through Confirm when it runs only on a yes (joining twice would make a
// write wait for itself).
func (w *Workshop) Serial(cmd tea.Cmd) tea.Cmd { return w.writes.Then(cmd) }

// Joined counts the commands joined to the queue so far (see
// screen.Writes.Joined).
func (w *Workshop) Joined() uint64 { return w.writes.Joined() }

// Later joins a store write to the queue when it starts, for one that
// may never run (the yes of a dialog).
func (w *Workshop) Later(cmd tea.Cmd) tea.Cmd { return w.writes.Later(cmd) }

// Idle finishes when every write joined so far has, for a program about
// to quit.
func (w *Workshop) Idle() tea.Cmd { return w.writes.Idle() }

// Confirm asks before anything destructive, in a dialog over the screen
// that asks; onYes runs when the user says yes, after the writes before
// it.
func (w *Workshop) Confirm(text string, onYes tea.Cmd) tea.Cmd {
	return screen.Ask(screen.NewConfirm(text, w.Later(onYes)))
}

// Load reads a workshop and, when then is given, opens that screen once
// it is in place.
func (w *Workshop) Load(workshopID string, then screen.Screen) tea.Cmd {
	db := w.store
	return func() tea.Msg {
		d, err := db.Load(workshopID)
		if err != nil {
			return Fail(err)
		}
		return DatasetMsg{Data: d, Then: then}
	}
}

// SaveAnswer stores one answer in its own transaction, after the writes
// before it; done is the status to show once it is stored ("" for none):
// it comes with the result, so statuses keep the order of the writes
// however the commands are scheduled.
func (w *Workshop) SaveAnswer(a model.Answer, done string) tea.Cmd {
	db, wid := w.store, w.data.Workshop.ID
	var previous *model.Answer
	if old, ok := w.data.Answers[a.CustomerID][a.QuestionID]; ok {
		previous = &old
	}
	return w.Serial(func() tea.Msg {
		if err := db.SaveAnswer(wid, a); err != nil {
			return Fail(err)
		}
		return AnswerSavedMsg{Answer: a, Previous: previous, Status: done}
	})
}

// ReloadAfter runs a store change after the writes before it, then
// reloads the open workshop and says what happened.
func (w *Workshop) ReloadAfter(change func(db store.Store) error, done string) tea.Cmd {
	db, wid := w.store, w.data.Workshop.ID
	return w.Serial(func() tea.Msg {
		if err := change(db); err != nil {
			return Fail(err)
		}
		d, err := db.Load(wid)
		if err != nil {
			return Fail(err)
		}
		return DatasetMsg{Data: d, Status: done}
	})
}

// Remove deletes what del removes (asked first: Confirm joins it to the
// write queue when the user says yes), after reading with part what it
// will take, and offers it back. workshopID is the open workshop ("" when
// the workshop itself goes).
//
// focus is a customer the list selects once the undo brings it back (""
// for none).
func (w *Workshop) Remove(workshopID string, part func(d model.Dataset) model.Dataset, del func(db store.Store) error, done, restored, focus string) tea.Cmd {
	db := w.store
	return func() tea.Msg {
		var before model.Dataset
		if workshopID != "" {
			d, err := db.Load(workshopID)
			if err != nil {
				return Fail(err)
			}
			before = part(d)
		}
		if err := del(db); err != nil {
			return Fail(err)
		}
		offer := &Undo{WorkshopID: workshopID, Text: restored, Focus: focus}
		offer.Restore = func(db store.Store) error { return db.Restore(before) }
		msg := DeletedMsg{Offer: offer, Text: done}
		if workshopID != "" {
			d, err := db.Load(workshopID)
			if err != nil {
				return Fail(err)
			}
			msg.Data = &d
		}
		return msg
	}
}

// RemoveWorkshop deletes a workshop with everything in it, and offers it
// back.
func (w *Workshop) RemoveWorkshop(id, done, restored string) tea.Cmd {
	db := w.store
	return func() tea.Msg {
		before, err := db.Load(id)
		if err != nil {
			return Fail(err)
		}
		if err := db.DeleteWorkshop(id); err != nil {
			return Fail(err)
		}
		offer := &Undo{Text: restored, Restore: func(db store.Store) error { return db.Import(before, false) }}
		return DeletedMsg{Offer: offer, Text: done}
	}
}

// Workshop is the open workshop the owner changes.
func (o Owner) Workshop() *Workshop { return o.w }

// Open puts a workshop, loaded or reloaded, in place (nil for none), with
// the customer the list selects next ("" for none).
func (o Owner) Open(d *model.Dataset, focus string) {
	o.w.data, o.w.focus = d, focus
	o.w.fromHere()
}

// Replace puts a reloaded workshop in place, keeping the focus.
func (o Owner) Replace(d *model.Dataset) {
	o.w.data = d
	o.w.fromHere()
}

// ReplaceFromElsewhere puts in place a workshop reloaded because another
// process changed it, keeping the focus: answers names the answers
// changed ("customerID/questionID") and by whom; all says that anything
// may have changed (a change not named, or notifications missed).
func (o Owner) ReplaceFromElsewhere(d *model.Dataset, answers map[string]string, all bool) {
	o.w.data = d
	o.w.elsewhere, o.w.changedBy, o.w.anyAnswer = true, answers, all
}

// fromHere forgets the changes made elsewhere once data is this
// program's own again.
func (w *Workshop) fromHere() { w.elsewhere, w.changedBy, w.anyAnswer = false, nil, false }

// Focus sets the customer the list selects next.
func (o Owner) Focus(customerID string) { o.w.focus = customerID }

// SetPresence records who is connected over SSH (nil when no server
// runs).
func (o Owner) SetPresence(p map[string]int) { o.w.presence = p }

// ApplyAnswer puts a saved answer into the open workshop.
func (o Owner) ApplyAnswer(a model.Answer) {
	d := o.w.data
	if d == nil {
		return
	}
	if d.Answers == nil {
		d.Answers = map[string]map[string]model.Answer{}
	}
	m := d.Answers[a.CustomerID]
	if m == nil {
		m = map[string]model.Answer{}
		d.Answers[a.CustomerID] = m
	}
	m[a.QuestionID] = a
}

// DeleteAnswer takes a removed answer out of the open workshop.
func (o Owner) DeleteAnswer(customerID, questionID string) {
	if d := o.w.data; d != nil {
		delete(d.Answers[customerID], questionID)
	}
}

// SetTeam puts the team scoring, reloaded, into the open workshop.
func (o Owner) SetTeam(ps []model.Participant, rs []model.SilentRound, vs []model.Vote) {
	d := o.w.data
	d.Participants, d.SilentRounds, d.Votes = ps, rs, vs
}

// ApplyVote puts a saved vote into the open workshop, replacing the one
// it replaced in the store.
func (o Owner) ApplyVote(v model.Vote) {
	d := o.w.data
	i := slices.IndexFunc(d.Votes, func(x model.Vote) bool {
		return x.RoundID == v.RoundID && x.QuestionID == v.QuestionID && x.Revote == v.Revote && x.ParticipantID == v.ParticipantID
	})
	if i >= 0 {
		d.Votes = slices.Clone(d.Votes)
		d.Votes[i] = v
		return
	}
	d.Votes = append(slices.Clip(d.Votes), v)
	model.SortVotes(d.Votes)
}

// ApplySilentRound puts a saved silent round into the open workshop.
func (o Owner) ApplySilentRound(r model.SilentRound) {
	d := o.w.data
	rs := slices.Clone(d.SilentRounds)
	if i := slices.IndexFunc(rs, func(x model.SilentRound) bool { return x.ID == r.ID }); i >= 0 {
		rs[i] = r
	} else {
		rs = append(rs, r)
		model.SortSilentRounds(rs)
	}
	d.SilentRounds = rs
}

package tui

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/answer"
)

// Live updates from a shared database. When the store is a store.Watcher
// (PostgreSQL), other processes write to the same workshops: another
// facilitator's styrka, a seller's. The root waits for their changes in a
// command that returns the next few as one message and is issued again
// after each, reloads the open workshop when a change is about it, and
// tells every screen (screen.DataChanged); a screen that shows an answer
// changed elsewhere says so (workbench.Workshop.ChangedElsewhere). The
// store leaves out the program's own writes.

// liveWindow is how long the command that waits for changes goes on
// collecting after the first one arrives: a burst (an import, another
// facilitator's quick scoring) is one reload.
const liveWindow = 40 * time.Millisecond

// liveBatch bounds the changes one message carries.
const liveBatch = 256

// Messages of live updates.
type (
	// watchingMsg: Watch started (changes is its channel) or failed.
	watchingMsg struct {
		changes <-chan store.Change
		err     error
	}
	// changesMsg are the changes that came in together; closed says the
	// channel ended (the store was closed), so no more are waited for.
	changesMsg struct {
		changes []store.Change
		closed  bool
	}
	// liveLoadedMsg is the open workshop reloaded for changes made
	// elsewhere.
	liveLoadedMsg struct {
		workshopID string
		data       model.Dataset
		changes    []store.Change
		err        error
		// joined is the write queue's count when the reload joined it.
		joined uint64
	}
)

// liveSync is the state of live updates: one reload at a time, and the
// changes that came while it ran, for one more.
type liveSync struct {
	ctx     context.Context
	stop    context.CancelFunc
	changes <-chan store.Change
	loading bool
	pending []store.Change
}

// watch starts watching the store when it is shared; nil when it is not.
func (m *Model) watch() tea.Cmd {
	w, ok := m.ws.Store().(store.Watcher)
	if !ok {
		return nil
	}
	ctx := m.live.ctx
	return func() tea.Msg {
		ch, err := w.Watch(ctx)
		return watchingMsg{changes: ch, err: err}
	}
}

// nextChanges waits for the next change, and takes with it those that
// follow within liveWindow.
func (m *Model) nextChanges() tea.Cmd {
	ch := m.live.changes
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return changesMsg{closed: true}
		}
		out := changesMsg{changes: []store.Change{c}}
		window := time.NewTimer(liveWindow)
		defer window.Stop()
		for len(out.changes) < liveBatch {
			select {
			case c, ok := <-ch:
				if !ok {
					out.closed = true
					return out
				}
				out.changes = append(out.changes, c)
			case <-window.C:
				return out
			}
		}
		return out
	}
}

// liveUpdate handles the messages of live updates; ok is false for every
// other message.
func (m *Model) liveUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case watchingMsg:
		if msg.err != nil {
			m.setStatus(m.describe(msg.err), true)
			return nil, true
		}
		m.live.changes = msg.changes
		return m.nextChanges(), true
	case changesMsg:
		var next tea.Cmd
		if msg.closed {
			m.live.changes = nil
		} else {
			next = m.nextChanges()
		}
		return tea.Batch(m.changed(msg.changes), next), true
	case liveLoadedMsg:
		m.live.loading = false
		var cmds []tea.Cmd
		switch {
		case msg.err == nil && msg.joined != m.ws.Joined():
			// A write of this program joined the queue after the reload
			// and may be missing from it: read again after it.
			m.live.pending = append(msg.changes, m.live.pending...)
		case errors.Is(msg.err, store.ErrNotFound) && m.openWorkshop(msg.workshopID):
			m.setStatus(m.c.T("tui.live.gone", model.SafeLine(m.ws.Data().Workshop.Name)), true)
		case msg.err != nil:
			m.setStatus(m.describe(msg.err), true)
		case m.openWorkshop(msg.workshopID):
			d, _ := assets.LocalizeDemo(msg.data, m.c.Lang)
			answers, all := map[string]string{}, false
			for _, c := range msg.changes {
				switch c.Kind {
				case "answer":
					answers[c.Key] = c.By
				case "", "workshop", "customer":
					// A change not named, or one that may take answers
					// with it (an import, a customer's delete).
					all = true
				}
			}
			replaced := m.replacedAnswers(m.ws.Data(), &d, answers)
			m.own.ReplaceFromElsewhere(&d, answers, all)
			cmds = append(cmds, m.broadcast(false))
			if text := m.replacedText(replaced); text != "" {
				m.setStatus(text, false)
			}
		}
		if len(m.live.pending) > 0 {
			cmds = append(cmds, m.liveReload())
		}
		return tea.Batch(cmds...), true
	}
	return nil, false
}

// answerShower is a screen that shows one answer (the question screen),
// and says itself when it changes elsewhere.
type answerShower interface {
	ShowsAnswer(customerID, questionID string) bool
}

// replacedAnswer is an answer given at this keyboard that another styrka
// changed: by whom, and which.
type replacedAnswer struct{ by, customerID, questionID string }

// replacedAnswers are the answers this program's author gave (in before,
// the workshop as it was shown) that the changes made elsewhere replaced
// or removed (in after), except one the screen on top shows, which says
// so itself.
func (m *Model) replacedAnswers(before, after *model.Dataset, changed map[string]string) []replacedAnswer {
	if before == nil {
		return nil
	}
	shown, _ := m.top().(answerShower)
	var out []replacedAnswer
	for key, by := range changed {
		cid, qid, ok := strings.Cut(key, "/")
		if !ok {
			continue
		}
		old, had := before.Answers[cid][qid]
		now, has := after.Answers[cid][qid]
		switch {
		case !had || old.Author != m.ws.Author():
		case has && now.Score == old.Score && now.Note == old.Note:
		case shown != nil && shown.ShowsAnswer(cid, qid):
		default:
			out = append(out, replacedAnswer{by: by, customerID: cid, questionID: qid})
		}
	}
	slices.SortFunc(out, func(a, b replacedAnswer) int {
		return cmp.Or(cmp.Compare(a.customerID, b.customerID), cmp.Compare(a.questionID, b.questionID))
	})
	return out
}

// replacedText says that answers given here were changed elsewhere, so
// that none is replaced silently; "" when none was.
func (m *Model) replacedText(rs []replacedAnswer) string {
	switch len(rs) {
	case 0:
		return ""
	case 1:
	default:
		return m.c.T("tui.live.replaced.many", len(rs))
	}
	r := rs[0]
	ref := r.questionID
	list := answer.Questions(m.c.Content, answer.Both)
	if i := slices.IndexFunc(list, func(q model.Question) bool { return q.ID == r.questionID }); i >= 0 {
		ref = answer.Ref(m.c.Content, list, i)
	}
	name := model.SafeLine(m.ws.CustomerName(r.customerID))
	if r.by == "" {
		return m.c.T("tui.live.replaced.someone", ref, name)
	}
	return m.c.T("tui.live.replaced", ref, name, model.SafeLine(r.by))
}

// changed takes changes made elsewhere: those of the open workshop (or
// of any, when the change names none) reload it; with no workshop open,
// or when another workshop itself changed, the screens reload what they
// list.
func (m *Model) changed(cs []store.Change) tea.Cmd {
	if m.ws.Data() == nil {
		if len(cs) > 0 {
			return m.broadcast(false)
		}
		return nil
	}
	listed := false
	for _, c := range cs {
		switch {
		case m.openWorkshop(c.WorkshopID):
			m.live.pending = append(m.live.pending, c)
		case c.Kind == "workshop":
			// Another workshop made, renamed, imported or deleted: the
			// list of workshops, if it is on the stack, reloads.
			listed = true
		}
	}
	var list tea.Cmd
	if listed && len(m.live.pending) == 0 {
		list = m.broadcast(false)
	}
	if len(m.live.pending) == 0 {
		return list
	}
	return m.liveReload()
}

// liveReload reloads the open workshop for the pending changes, after the
// writes already queued (so that it never shows an older state than this
// program wrote), unless a reload runs: then its result asks for one
// more.
func (m *Model) liveReload() tea.Cmd {
	if m.live.loading || m.ws.Data() == nil {
		return nil
	}
	m.live.loading = true
	cs := m.live.pending
	m.live.pending = nil
	db, wid := m.ws.Store(), m.ws.Data().Workshop.ID
	// The reload is the next to join; a write joined meanwhile (the yes
	// of a dialog, from its command) makes the count differ, and costs
	// only one more reload.
	joined := m.ws.Joined() + 1
	return m.ws.Serial(func() tea.Msg {
		d, err := db.Load(wid)
		return liveLoadedMsg{workshopID: wid, data: d, changes: cs, err: err, joined: joined}
	})
}

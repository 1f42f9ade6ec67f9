package serve

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/store"
)

// A participant's name is bound to something only they have, recorded at
// their first join in model.Participant.Identity: the fingerprint of the
// SSH key their client offered ("ssh:SHA256:…"), or, for a client without
// a key, a personal code shown once ("code:" and a hash of it). Joining
// again under the name takes the same key or the code; anyone else needs
// the facilitator's approval.

const (
	keyPrefix  = "ssh:"
	codePrefix = "code:"
)

// keyIdentity is the identity of an SSH key's fingerprint.
func keyIdentity(fingerprint string) string { return keyPrefix + fingerprint }

// codeIdentity is the identity of a personal code: a hash of it, salted
// with the participant's ID, so the database never holds the code.
func codeIdentity(participantID, code string) string {
	h := sha256.Sum256([]byte(participantID + "\x00" + normalizeCode(code)))
	return codePrefix + hex.EncodeToString(h[:])
}

// Request is someone asking to join under a name that is bound to another
// key or code, for the facilitator to Approve or Deny.
type Request struct {
	ID string
	// Participant is who they ask to join as.
	Participant model.Participant
	// Addr is the address they connect from; Key their key's fingerprint,
	// "" for a client without one.
	Addr, Key string
	At        time.Time
}

type request struct {
	Request
	m *session
}

// ErrNoRequest is the answer to a request that waits no more: answered
// already, or its connection gone.
var ErrNoRequest = errors.New("serve: no such request")

// Presence is a participant who joined while the server runs.
type Presence struct {
	Participant model.Participant
	// Connections is how many of their connections are open now: 0 once
	// they dropped or left.
	Connections int
	// Since is when they last joined; Left when their last connection
	// ended (zero while connected).
	Since, Left time.Time
}

// People lists who joined while the server runs, connected or not, by
// name: the facilitator's view of the room.
func (s *Server) People() []Presence {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Presence, 0, len(s.people))
	for _, p := range s.people {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Presence) int { return strings.Compare(a.Participant.Name, b.Participant.Name) })
	return out
}

// Requests lists the requests waiting for the facilitator, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, 0, len(s.requests))
	for _, r := range s.requests {
		out = append(out, r.Request)
	}
	slices.SortFunc(out, func(a, b Request) int { return a.At.Compare(b.At) })
	return out
}

// Approve lets a request's connection in under the name it asked for.
// The name stays bound to its key or code.
func (s *Server) Approve(id string) error { return s.answer(id, true) }

// Deny turns a request down; its connection is asked for another name.
func (s *Server) Deny(id string) error { return s.answer(id, false) }

func (s *Server) answer(id string, yes bool) error {
	s.mu.Lock()
	r, ok := s.requests[id]
	delete(s.requests, id)
	var l *live
	if ok {
		l = s.liveOf(r.m)
	}
	s.mu.Unlock()
	if !ok || l == nil {
		return ErrNoRequest
	}
	s.notify(Event{Answered: id})
	if yes {
		p := r.Participant
		s.joined(r.m, p)
		go l.program.Send(approvedMsg{p})
	} else {
		go l.program.Send(deniedMsg{r.Participant.Name})
	}
	return nil
}

// withdraw drops the requests of a session that left or took another
// name.
func (s *Server) withdraw(m *session) {
	s.mu.Lock()
	var gone []string
	for id, r := range s.requests {
		if r.m == m {
			gone = append(gone, id)
			delete(s.requests, id)
		}
	}
	s.mu.Unlock()
	for _, id := range gone {
		s.notify(Event{Answered: id})
	}
}

// maxRequests bounds the requests waiting at once, so that nobody can
// bury the facilitator in them.
const maxRequests = 20

// ask files a request for m to join as p.
func (s *Server) ask(m *session, p model.Participant) tea.Msg {
	s.withdraw(m)
	s.mu.Lock()
	if len(s.requests) >= maxRequests {
		s.mu.Unlock()
		return askFullMsg{}
	}
	r := &request{Request: Request{ID: store.NewID(), Participant: p, Addr: m.ip, Key: m.fingerprint, At: s.o.Now().UTC()}, m: m}
	s.requests[r.ID] = r
	s.mu.Unlock()
	req := r.Request
	s.notify(Event{Asking: &req})
	return askMsg{req}
}

// joined records who is on a session and tells the facilitator.
func (s *Server) joined(m *session, p model.Participant) {
	s.mu.Lock()
	if l := s.liveOf(m); l != nil {
		l.participant = &p
	}
	pr := s.people[p.ID]
	if pr == nil {
		pr = &Presence{}
		s.people[p.ID] = pr
	}
	pr.Participant, pr.Since, pr.Left = p, s.o.Now().UTC(), time.Time{}
	pr.Connections++
	s.mu.Unlock()
	s.notify(Event{Joined: &p})
}

// left records that a connection ended, and tells the facilitator when it
// was its participant's last.
func (s *Server) left(l *live) {
	if l.participant == nil {
		return
	}
	s.mu.Lock()
	pr := s.people[l.participant.ID]
	gone := false
	if pr != nil {
		pr.Connections = max(pr.Connections-1, 0)
		if pr.Connections == 0 {
			pr.Left, gone = s.o.Now().UTC(), true
		}
	}
	s.mu.Unlock()
	if gone {
		p := *l.participant
		s.notify(Event{Left: &p})
	}
}

// join finds the workshop's participant of that name, case-insensitively,
// or adds one, and checks that the session may be them: a name nobody has
// yet, or one never bound, is bound to the session's key or to a new
// personal code; the same key joins; a code-bound name asks for the code;
// anything else asks the facilitator.
func (s *Server) join(m *session, name string) tea.Cmd {
	return func() tea.Msg {
		s.joinMu.Lock()
		defer s.joinMu.Unlock()
		ps, err := s.o.DB.Participants(s.o.WorkshopID)
		if err != nil {
			return failMsg{err}
		}
		i := slices.IndexFunc(ps, func(x model.Participant) bool { return strings.EqualFold(x.Name, name) })
		var p model.Participant
		if i < 0 {
			p = model.Participant{ID: store.NewID(), WorkshopID: s.o.WorkshopID, Name: name, Created: s.o.Now().UTC()}
		} else {
			p = ps[i]
		}
		switch {
		case p.Identity == "":
			personal := ""
			if m.fingerprint != "" {
				p.Identity = keyIdentity(m.fingerprint)
			} else {
				if personal, err = NewJoinCode(); err != nil {
					return failMsg{err}
				}
				p.Identity = codeIdentity(p.ID, personal)
			}
			if err := s.o.DB.PutParticipant(p); err != nil {
				return failMsg{err}
			}
			s.joined(m, p)
			return joinedMsg{p: p, personal: personal}
		case m.fingerprint != "" && p.Identity == keyIdentity(m.fingerprint):
			s.joined(m, p)
			return joinedMsg{p: p}
		case strings.HasPrefix(p.Identity, codePrefix):
			return needCodeMsg{p}
		}
		return s.ask(m, p)
	}
}

// joinWithCode joins m as p when code is p's personal code. Wrong codes
// count against the address as wrong join codes do.
func (s *Server) joinWithCode(m *session, p model.Participant, code string) tea.Cmd {
	return func() tea.Msg {
		if wait := s.limiter.wait(m.ip); wait > 0 {
			return personalMsg{lockout: wait}
		}
		if subtle.ConstantTimeCompare([]byte(codeIdentity(p.ID, code)), []byte(p.Identity)) != 1 {
			left, lockout := s.limiter.wrong(m.ip)
			return personalMsg{left: left, lockout: lockout}
		}
		s.limiter.right(m.ip)
		s.joined(m, p)
		return joinedMsg{p: p}
	}
}

package screen

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Writes is a serial queue of store writes: each command joined to it
// runs after the one joined before it has finished, so that writes land
// in the order they were given although Bubble Tea runs commands
// concurrently. A command joins when it is made, so every command joined
// must be run: one that may never run (the yes of a dialog) joins when it
// starts, through Later. The zero value is ready.
type Writes struct {
	mu     sync.Mutex
	last   chan struct{}
	joined uint64
}

// MaxWait is how long a write waits for the one before it; a store that
// hangs must not hang every later write.
const MaxWait = 10 * time.Second

// Then returns cmd joined to the queue.
func (q *Writes) Then(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	q.mu.Lock()
	prev, done := q.last, make(chan struct{})
	q.last = done
	q.joined++
	q.mu.Unlock()
	return func() tea.Msg {
		defer close(done)
		Wait(prev)
		return cmd()
	}
}

// Joined counts the commands joined so far: a read joined to the queue
// that sees the count unchanged when its result arrives knows that no
// write was joined after it, so that its result is not older than any
// write the program made.
func (q *Writes) Joined() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.joined
}

// Later returns cmd joined to the queue when it starts rather than when
// it is made, for a command that may never run.
func (q *Writes) Later(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return q.Then(cmd)() }
}

// Idle returns a command that finishes when every write joined so far
// has, for a program about to quit.
func (q *Writes) Idle() tea.Cmd {
	q.mu.Lock()
	last := q.last
	q.mu.Unlock()
	if last == nil {
		return nil
	}
	return func() tea.Msg {
		Wait(last)
		return nil
	}
}

// Wait waits for a write to finish, but not forever.
func Wait(done <-chan struct{}) {
	if done == nil {
		return
	}
	select {
	case <-done:
	case <-time.After(MaxWait):
	}
}

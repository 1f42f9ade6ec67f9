package workbench

import (
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
)

// TestOwnerAppliesVotes: a vote saved again replaces the one it replaced
// in the store (same round, question, re-vote and participant); another
// is added in the store's order.
func TestOwnerAppliesVotes(t *testing.T) {
	ws, own := NewWorkshop(nil, "test")
	own.Open(&model.Dataset{Workshop: model.Workshop{ID: "w1"}}, "c1")
	own.ApplyVote(model.Vote{RoundID: "r1", QuestionID: "q2", ParticipantID: "p1", Score: 2})
	own.ApplyVote(model.Vote{RoundID: "r1", QuestionID: "q1", ParticipantID: "p1", Score: 3})
	own.ApplyVote(model.Vote{RoundID: "r1", QuestionID: "q2", ParticipantID: "p1", Score: 5})
	vs := ws.RoundVotes("r1")
	if len(vs) != 2 {
		t.Fatalf("votes %+v", vs)
	}
	for _, v := range vs {
		if v.QuestionID == "q2" && v.Score != 5 {
			t.Errorf("the vote saved again is %+v", v)
		}
	}
	if f := ws.TakeFocus(); f != "c1" {
		t.Errorf("the focus is %q", f)
	}
	if f := ws.TakeFocus(); f != "" {
		t.Errorf("the focus is taken once, then %q", f)
	}
}

// TestWritesRunInTheirOrder: writes given one after another run one
// after another, in that order, however they are scheduled; a write that
// runs only on a yes does not hold the queue while nobody says it.
func TestWritesRunInTheirOrder(t *testing.T) {
	ws, _ := NewWorkshop(nil, "test")
	var mu sync.Mutex
	var order []int
	write := func(i int) tea.Cmd {
		return ws.Serial(func() tea.Msg {
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			return nil
		})
	}
	first, second := write(1), write(2)
	never := ws.Later(func() tea.Msg { t.Error("a write nobody said yes to ran"); return nil })
	_ = never
	third := write(3)
	done := make(chan struct{})
	go func() { third(); close(done) }()
	go second()
	first()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the third write waits for a write that never runs")
	}
	if len(order) != 3 || order[0] != 1 || order[1] != 2 || order[2] != 3 {
		t.Errorf("the writes ran in the order %v", order)
	}
}

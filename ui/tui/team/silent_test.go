package team

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/keys"
	"styrka/ui/styles"
	"styrka/ui/tui/workbench"
)

// TestRoundViewTimer: the round view's timer counts down the timebox at
// its own ticks, not at another view's, and says when it is over.
func TestRoundViewTimer(t *testing.T) {
	content := assets.MustBuiltin("en")
	c := &workbench.Common{Content: content, Lang: "en", Styles: styles.New(styles.Dark, true), Theme: styles.Dark, Keys: keys.New(content.T)}
	ws, own := workbench.NewWorkshop(nil, "test")
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	r := model.SilentRound{ID: "r1", WorkshopID: "w1", CustomerID: "c1", Questions: []string{content.Questions()[0].ID},
		Participants: []string{"p1"}, Opened: t0, TimeboxSeconds: 600, State: model.SilentOpen}
	own.Open(&model.Dataset{Workshop: model.Workshop{ID: "w1"}, Customers: []model.Customer{{ID: "c1", WorkshopID: "w1", Name: "Nordvik"}},
		Participants: []model.Participant{{ID: "p1", WorkshopID: "w1", Name: "Anna Berg"}}, SilentRounds: []model.SilentRound{r}}, "")
	now := t0
	SetClock(func() time.Time { return now }, 0)
	t.Cleanup(func() { SetClock(time.Now, time.Second) })

	v := newRoundView(c, ws, r.ID)
	v.SetSize(80, 24)
	view := func() string { return ansi.Strip(v.View()) }
	if !strings.Contains(view(), "Time left 10:00 of 10:00") {
		t.Errorf("at the start:\n%s", view())
	}
	now = t0.Add(3*time.Minute + 25*time.Second)
	v.Update(timerMsg{id: v.timer})
	if !strings.Contains(view(), "Time left 06:35 of 10:00") {
		t.Errorf("after 3:25:\n%s", view())
	}
	now = t0.Add(11 * time.Minute)
	v.Update(timerMsg{id: v.timer + 100}) // another view's tick
	if strings.Contains(view(), "Over time") {
		t.Error("another view's tick moved this timer")
	}
	v.Update(timerMsg{id: v.timer})
	if !strings.Contains(view(), "Over time by 01:00 (timebox 10:00)") {
		t.Errorf("after 11 minutes:\n%s", view())
	}
}

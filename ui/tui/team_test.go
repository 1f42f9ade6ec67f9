package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/tui/team"
	"styrka/ui/tui/workbench"
)

// teamT0 is when every silent round of these tests opens.
var teamT0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func init() {
	// The harness runs commands synchronously: a ticking timer would never
	// settle, and the time on screen would change from run to run.
	team.SetClock(func() time.Time { return teamT0 }, 0)
}

// newCustomerName is a customer without answers the tests add to the demo;
// it ranks last.
const newCustomerName = "Nordvik Hydraulik AB"

// teamSetup opens the demo with a new customer without answers, selected
// on the customer list, and three participants when people is true.
func teamSetup(t *testing.T, lang string, people bool) (*Model, *store.DB, model.Customer, []model.Participant) {
	t.Helper()
	m, db := newTestModel(t, lang, true)
	cu := model.Customer{ID: store.NewID(), WorkshopID: assets.DemoID, Name: newCustomerName}
	if err := db.PutCustomer(cu); err != nil {
		t.Fatal(err)
	}
	var ps []model.Participant
	if people {
		for i, name := range []string{"Anna Berg", "Bo Ek", "Cia Öst"} {
			p := model.Participant{ID: store.NewID(), WorkshopID: assets.DemoID, Name: name, Role: "KAM",
				Created: teamT0.Add(time.Duration(i) * time.Second)}
			if err := db.PutParticipant(p); err != nil {
				t.Fatal(err)
			}
			ps = append(ps, p)
		}
	}
	press(t, m, "enter", "end")
	s, ok := m.top().(*customersScreen)
	if !ok {
		t.Fatalf("enter on the demo opened %T", m.top())
	}
	if a, ok := s.selected(); !ok || a.Customer.ID != cu.ID {
		t.Fatalf("end selected %+v, want %s", a.Customer, newCustomerName)
	}
	return m, db, cu, ps
}

// openRoundFor opens a silent round on the selected customer through the
// form: the set (0 both, 1 set A, 2 set B) and every participant. It
// returns the round as the open workshop holds it.
func openRoundFor(t *testing.T, m *Model, set int) model.SilentRound {
	t.Helper()
	s, ok := m.top().(*customersScreen)
	if !ok {
		t.Fatalf("a round opens from the customer list, not %T", m.top())
	}
	a, _ := s.selected()
	press(t, m, "S")
	requireTop(t, m, m.c.T("tui.silent.new", a.Customer.Name))
	for range set {
		press(t, m, "down")
	}
	press(t, m, "enter", "enter", "enter")
	requireTop(t, m, m.c.T("tui.silent.title"))
	r, ok := model.OpenSilentRound(m.ws.Data().SilentRounds, a.Customer.ID)
	if !ok {
		t.Fatal("the open workshop has no open round")
	}
	return r
}

// requireTop fails when the screen on top is not the one titled title.
func requireTop(t *testing.T, m *Model, title string) {
	t.Helper()
	if got := m.top().Title(); got != title {
		t.Fatalf("on top is %q (%T), want %q:\n%s", got, m.top(), title, frameText(m))
	}
}

// roundNow is the round as the open workshop holds it now.
func roundNow(t *testing.T, m *Model, id string) model.SilentRound {
	t.Helper()
	r, ok := m.ws.SilentRound(id)
	if !ok {
		t.Fatalf("no round %s in the open workshop", id)
	}
	return r
}

// tallyOf is the tally of one question of a round as the open workshop
// holds it.
func tallyOf(t *testing.T, m *Model, id, questionID string) model.QuestionTally {
	t.Helper()
	for _, x := range model.Tally(roundNow(t, m, id), m.ws.RoundVotes(id)) {
		if x.QuestionID == questionID {
			return x
		}
	}
	t.Fatalf("no tally of %s", questionID)
	return model.QuestionTally{}
}

// turn lets the participant under the cursor of the hot seat answer
// every question open for votes with score(i), then hands over.
func turn(t *testing.T, m *Model, score func(i int) string) {
	t.Helper()
	requireTop(t, m, m.c.T("tui.hot.title"))
	press(t, m, "enter")
	q, ok := m.top().(*questionsScreen)
	if !ok || q.vote == nil {
		t.Fatalf("enter on the hot seat opened %T", m.top())
	}
	for i := 0; i < len(q.list); i++ {
		if m.top() != Screen(q) {
			break
		}
		press(t, m, score(q.index))
	}
	requireTop(t, m, m.c.T("tui.hot.handover"))
}

// anchorsOf lists the anchor texts of a question's levels.
func anchorsOf(t *testing.T, m *Model, id string, levels ...int) []string {
	t.Helper()
	q, ok := m.c.QuestionByID(id)
	if !ok {
		t.Fatalf("no question %s", id)
	}
	var out []string
	for _, l := range levels {
		out = append(out, q.Anchors[l-1])
	}
	return out
}

// requireHides fails when the screen shows any of the texts.
func requireHides(t *testing.T, m *Model, texts []string) {
	t.Helper()
	sc := squeeze(frameText(m))
	for _, text := range texts {
		// The screen may cut a long anchor; its first words are enough.
		words := strings.Fields(text)
		probe := squeeze(strings.Join(words[:min(len(words), 4)], " "))
		if strings.Contains(sc, probe) {
			t.Errorf("the screen shows %q:\n%s", text, frameText(m))
		}
	}
}

func TestParticipantsAddEditDelete(t *testing.T) {
	m, db, _, _ := teamSetup(t, "en", false)
	press(t, m, "P")
	if !strings.Contains(frameText(m), "No participants: your answers are the team's") {
		t.Errorf("an empty participants screen does not say how it works:\n%s", frameText(m))
	}
	for _, p := range [][2]string{{"Anna Berg", "KAM"}, {"Bo Ek", ""}, {"Cia Öst", "Delivery"}} {
		press(t, m, "n")
		typeText(t, m, p[0])
		press(t, m, "enter")
		typeText(t, m, p[1])
		press(t, m, "enter")
	}
	ps, err := db.Participants(assets.DemoID)
	if err != nil || len(ps) != 3 || ps[0].Name != "Anna Berg" || ps[0].Role != "KAM" || ps[2].Name != "Cia Öst" {
		t.Fatalf("participants %+v, %v", ps, err)
	}
	if s := frameText(m); !strings.Contains(s, "Participants (3)") || !strings.Contains(s, "Delivery") {
		t.Errorf("the list:\n%s", s)
	}
	// A name is required.
	press(t, m, "n", "enter")
	if _, ok := m.top().(*workbench.FormScreen); !ok {
		t.Errorf("a participant without a name was saved")
	}
	press(t, m, "esc")
	// Edit Bo.
	press(t, m, "down", "e")
	typeText(t, m, "rg")
	press(t, m, "enter")
	typeText(t, m, "Sales")
	press(t, m, "enter")
	ps, _ = db.Participants(assets.DemoID)
	if ps[1].Name != "Bo Ekrg" || ps[1].Role != "Sales" || !ps[1].Created.Equal(ps[1].Created) {
		t.Errorf("after the edit: %+v", ps[1])
	}
	// Delete Cia, after a no and a yes.
	press(t, m, "down", "d")
	if !strings.Contains(frameText(m), "Remove the participant “Cia Öst” with their votes (0)?") {
		t.Fatalf("the confirmation:\n%s", frameText(m))
	}
	press(t, m, "n", "d", "y")
	ps, _ = db.Participants(assets.DemoID)
	if len(ps) != 2 || len(m.ws.Data().Participants) != 2 {
		t.Errorf("after deleting: %+v", ps)
	}
}

func TestSilentRoundWithoutParticipants(t *testing.T) {
	m, _, cu, _ := teamSetup(t, "en", false)
	press(t, m, "S")
	if !strings.Contains(squeeze(frameText(m)), squeeze("No participants: your answers are the team's.")) {
		t.Fatalf("S without participants:\n%s", frameText(m))
	}
	press(t, m, "a")
	q, ok := m.top().(*questionsScreen)
	if !ok || q.vote != nil || q.customer.ID != cu.ID {
		t.Fatalf("a on the notice opened %T", m.top())
	}
	// Answers are the customer's, as before.
	press(t, m, "4")
	if a := m.ws.Data().Answers[cu.ID][q.list[0].ID]; a.Score != 4 {
		t.Errorf("the answer: %+v", a)
	}
}

// TestSilentRoundFlow is a whole silent round at one keyboard: three
// participants in the hot seat, the facilitator who sees who has finished
// and nothing more, the reveal with a flagged spread of 2, the agreed
// scores that place the customer on the map, a re-vote and the close.
func TestSilentRoundFlow(t *testing.T) {
	m, db, cu, ps := teamSetup(t, "en", true)
	v := openRoundFor(t, m, 0)
	if len(v.Questions) != 20 || len(v.Participants) != 3 || v.TimeboxSeconds != 600 {
		t.Fatalf("the round: %+v", v)
	}
	if s := frameText(m); !strings.Contains(s, "0 of 3 have finished") || !strings.Contains(s, "Time left 10:00 of 10:00") {
		t.Errorf("the round view:\n%s", s)
	}
	first := v.Questions[0]

	// The hot seat: Anna gives 2 on the first question, Bo 4, Cia 3; all
	// three give 3 elsewhere.
	press(t, m, "h")
	turn(t, m, func(i int) string { return [...]string{"2", "3"}[min(i, 1)] })
	hidden := anchorsOf(t, m, first, 2, 3, 4)
	requireHides(t, m, hidden)
	if !strings.Contains(frameText(m), "Pass the keyboard to the next person") {
		t.Errorf("the hand-over:\n%s", frameText(m))
	}
	press(t, m, "enter")
	// The cursor is on Bo, the first who has not finished.
	press(t, m, "enter")
	requireTop(t, m, "Bo Ek")
	press(t, m, "esc")
	// Anna, choosing her name again, does not see her own scores: nothing
	// is highlighted or marked, though she has voted.
	press(t, m, "up", "enter")
	if s := frameText(m); !strings.Contains(s, "you have voted") || strings.Contains(s, "▸") || strings.Contains(s, "●") {
		t.Errorf("Anna's turn again:\n%s", s)
	}
	// Bo sees nothing of Anna's scores.
	press(t, m, "esc", "down", "enter")
	if s := frameText(m); strings.Contains(s, "you have voted") || strings.Contains(s, "●") {
		t.Errorf("Bo's first question:\n%s", s)
	}
	press(t, m, "esc")
	turn(t, m, func(i int) string { return [...]string{"4", "3"}[min(i, 1)] })
	press(t, m, "enter")
	// The facilitator's view: who has finished, never what they chose.
	press(t, m, "esc")
	if s := frameText(m); !strings.Contains(s, "2 of 3 have finished") || !strings.Contains(s, "✓ Anna Berg") || !strings.Contains(s, "✓ Bo Ek") || !strings.Contains(s, "not started") {
		t.Errorf("the round view after two turns:\n%s", s)
	}
	requireHides(t, m, hidden)
	press(t, m, "h")
	turn(t, m, func(int) string { return "3" })
	press(t, m, "enter", "esc")
	if !strings.Contains(frameText(m), "Everyone has finished (3)") {
		t.Errorf("the round view when all are done:\n%s", frameText(m))
	}
	votes, err := db.Votes(assets.DemoID, v.ID)
	if err != nil || len(votes) != 60 {
		t.Fatalf("%d votes stored, want 60: %v", len(votes), err)
	}

	// The reveal: the first question is flagged with a spread of 2 and
	// comes first; the distribution shows who gave what.
	press(t, m, "r")
	requireTop(t, m, m.c.T("tui.reveal.title"))
	if x := tallyOf(t, m, v.ID, first); !x.Flagged || x.Spread != 2 {
		t.Errorf("the first question: %+v", x)
	}
	if q, _ := m.c.QuestionByID(first); !strings.Contains(frameText(m), "A 1/10 · "+m.c.Content.Dimensions[q.Dimension].Name) {
		t.Errorf("the first question is not the one selected:\n%s", frameText(m))
	}
	s := frameText(m)
	for _, want := range []string{"flagged 1", "Spread 2 · median 3 · votes 3", "flagged: the highest and lowest explain", "Anna Berg", "Bo Ek", "Cia Öst", "! A 1/10"} {
		if !strings.Contains(s, want) {
			t.Errorf("the reveal lacks %q:\n%s", want, s)
		}
	}
	// The customer is marked as diverged.
	a := m.ws.Assess(m.c.Questions())
	if f := team.Flags(m.ws, a)[cu.ID]; !slices.Equal(f.Diverged, []string{first}) {
		t.Errorf("flags before agreeing: %+v", f)
	}

	// The medians of the other 19, then the agreed score of the first.
	press(t, m, "M")
	if !strings.Contains(frameText(m), "(questions: 19)") {
		t.Fatalf("M asks:\n%s", frameText(m))
	}
	press(t, m, "y")
	press(t, m, "enter")
	requireTop(t, m, m.c.T("tui.reveal.agree.title"))
	ag := m.top()
	// Nothing is chosen for the room: the median is named, not picked;
	// enter on the untouched card records nothing.
	if s := frameText(m); strings.Contains(s, "▸") || strings.Contains(s, "●") || !strings.Contains(s, "median 3") {
		t.Fatalf("the agreed score starts with a level chosen:\n%s", s)
	}
	press(t, m, "enter")
	if m.top() != ag || !strings.Contains(m.statusText(), "Nothing recorded") {
		t.Fatalf("enter on the untouched card: top %T, status %q", m.top(), m.statusText())
	}
	press(t, m, "4")
	ds, err := db.Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Answers[cu.ID]; len(got) != 20 || got[first].Score != 4 || got[first].Author != "test" || got[v.Questions[5]].Score != 3 {
		t.Errorf("the customer's answers: %d, first %+v", len(got), got[first])
	}
	if !strings.Contains(frameText(m), "agreed 20") {
		t.Errorf("after agreeing:\n%s", frameText(m))
	}
	// The agreed scores feed the map.
	for _, x := range m.ws.Assess(m.c.Questions()) {
		if x.Customer.ID == cu.ID && !x.Placed() {
			t.Errorf("%s is not placed after agreeing", cu.Name)
		}
	}
	if f, ok := team.Flags(m.ws, m.ws.Assess(m.c.Questions()))[cu.ID]; ok {
		t.Errorf("still flagged after agreeing: %+v", f)
	}

	// A re-vote on the first question: only it is asked again, its votes
	// stay hidden until revealed.
	press(t, m, "v")
	r := roundNow(t, m, v.ID)
	if !r.Hidden(first) || r.Revote(first) != 1 {
		t.Fatalf("after v: revotes %v", r.Revotes)
	}
	if _, agreed := r.Agreed[first]; agreed {
		t.Error("a re-vote keeps the agreed score")
	}
	press(t, m, "h")
	turn(t, m, func(int) string { return "5" })
	press(t, m, "enter", "esc")
	requireHides(t, m, anchorsOf(t, m, first, 5))
	if !strings.Contains(squeeze(frameText(m)), squeeze("1 of 3 have voted")) {
		t.Errorf("the re-vote under way:\n%s", frameText(m))
	}
	press(t, m, "r")
	if !strings.Contains(frameText(m), "Only 1 of 3") {
		t.Fatalf("r with votes missing:\n%s", frameText(m))
	}
	press(t, m, "y")
	if x := tallyOf(t, m, v.ID, first); roundNow(t, m, v.ID).Hidden(first) || x.Counts != [6]int{0, 0, 0, 0, 0, 1} {
		t.Errorf("the re-vote revealed: %+v", x)
	}
	votes, _ = db.Votes(assets.DemoID, v.ID)
	if len(votes) != 61 {
		t.Errorf("%d votes after the re-vote, want 61: the first votes are kept", len(votes))
	}

	// Close.
	press(t, m, "c")
	if !strings.Contains(frameText(m), "Close the silent round on") {
		t.Errorf("closing asks:\n%s", frameText(m))
	}
	press(t, m, "y")
	var stack []string
	for _, sc := range m.stack.Screens() {
		stack = append(stack, fmt.Sprintf("%T", sc))
	}
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("after closing: %v", stack)
	}
	r, _ = db.SilentRound(assets.DemoID, v.ID)
	if r.State != model.SilentClosed || r.Closed.IsZero() {
		t.Errorf("the stored round: %+v", r)
	}
	_ = ps
}

// TestVotesArriveFromOutside saves votes behind the program's back, as
// the SSH server does, and tells it with VoteMsg: the round view and the
// map follow.
func TestVotesArriveFromOutside(t *testing.T) {
	m, db, _, ps := teamSetup(t, "en", true)
	v := openRoundFor(t, m, 1)
	for _, q := range v.Questions[:4] {
		if err := db.SaveVote(assets.DemoID, model.Vote{RoundID: v.ID, ParticipantID: ps[1].ID, QuestionID: q, Score: 3}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(frameText(m), "4 of 10") {
		t.Fatal("the view changed before it was told")
	}
	drive(t, m, VoteMsg{WorkshopID: assets.DemoID, RoundID: v.ID})
	if !strings.Contains(frameText(m), "4 of 10") {
		t.Errorf("after VoteMsg:\n%s", frameText(m))
	}
	// A message for another workshop changes nothing.
	drive(t, m, VoteMsg{WorkshopID: "other"})

	// Through Options.Events: the program listens, handles the message
	// and listens again.
	events := make(chan tea.Msg, 2)
	m.events = events
	if err := db.PutParticipant(model.Participant{WorkshopID: assets.DemoID, Name: "Dan Fors"}); err != nil {
		t.Fatal(err)
	}
	events <- ParticipantMsg{WorkshopID: assets.DemoID}
	msg := m.listen()()
	if _, ok := msg.(externalMsg); !ok {
		t.Fatalf("listen gave %T", msg)
	}
	close(events) // so that listening again returns at once
	drive(t, m, msg)
	if len(m.ws.Data().Participants) != 4 {
		t.Errorf("after ParticipantMsg: %d participants", len(m.ws.Data().Participants))
	}
	if m.reloads.loading || m.reloads.dirty {
		t.Errorf("reloads left pending: %+v", m.reloads)
	}
}

// TestTeamReloadsFold sends many votes at once: one reload runs at a
// time, and one more follows for what came during it.
func TestTeamReloadsFold(t *testing.T) {
	m, _, _, _ := teamSetup(t, "en", true)
	first := m.teamChanged()
	if first == nil || !m.reloads.loading {
		t.Fatal("no reload started")
	}
	for range 30 {
		if cmd, _ := m.teamUpdate(VoteMsg{}); cmd != nil {
			t.Fatal("a second reload ran while one was under way")
		}
	}
	if !m.reloads.dirty {
		t.Fatal("the votes during the reload were forgotten")
	}
	_, again := m.Update(first())
	if again == nil || !m.reloads.loading || m.reloads.dirty {
		t.Errorf("after the reload: %+v", m.reloads)
	}
}

// The round stays open when the facilitator goes back, and S opens it
// again. (The round view's timer is tested in ui/tui/team.)
func TestSilentReopensTheOpenRound(t *testing.T) {
	m, _, cu, _ := teamSetup(t, "en", true)
	v := openRoundFor(t, m, 1)
	press(t, m, "esc", "S")
	requireTop(t, m, m.c.T("tui.silent.title"))
	if r, ok := model.OpenSilentRound(m.ws.Data().SilentRounds, cu.ID); !ok || r.ID != v.ID {
		t.Errorf("the open round is %+v", r)
	}
}

// teamVotes stores votes of the three participants on the round's
// questions: Anna 1, Bo 3, Cia 4 on the first (with notes), 2, 2 and
// don't know elsewhere, and reloads.
func teamVotes(t *testing.T, m *Model, db *store.DB, r model.SilentRound, ps []model.Participant) {
	t.Helper()
	for i, q := range r.Questions {
		for j, p := range ps {
			v := model.Vote{RoundID: r.ID, ParticipantID: p.ID, QuestionID: q, Score: [...]model.Score{2, 2, 0}[j], At: teamT0}
			if i == 0 {
				v.Score = [...]model.Score{1, 3, 4}[j]
				v.Note = [...]string{"Their category list puts us last.", "Heard of a 3 % share at the fair.", "Their CFO named us a top-ten supplier."}[j]
			}
			if err := db.SaveVote(assets.DemoID, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	drive(t, m, VoteMsg{WorkshopID: assets.DemoID})
}

func TestTeamGoldens(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, db, _, ps := teamSetup(t, lang, true)
			t.Run("participants", func(t *testing.T) {
				press(t, m, "P")
				goldenAt(t, m)
				press(t, m, "esc")
			})
			v := openRoundFor(t, m, 1)
			if err := db.SaveVote(assets.DemoID, model.Vote{RoundID: v.ID, ParticipantID: ps[0].ID, QuestionID: v.Questions[0], Score: 5}); err != nil {
				t.Fatal(err)
			}
			drive(t, m, VoteMsg{})
			t.Run("round", func(t *testing.T) { goldenAt(t, m) })
			press(t, m, "h")
			t.Run("hotseat", func(t *testing.T) { goldenAt(t, m) })
			turn(t, m, func(int) string { return "4" })
			t.Run("handover", func(t *testing.T) { goldenAt(t, m) })
			press(t, m, "enter", "esc")
			teamVotes(t, m, db, v, ps)
			press(t, m, "r")
			requireTop(t, m, m.c.T("tui.reveal.title"))
			t.Run("reveal", func(t *testing.T) { goldenAt(t, m) })
		})
	}
}

// TestTeamScreensFit draws every team screen at the smallest size the
// UI supports and at a projector's.
func TestTeamScreensFit(t *testing.T) {
	m, db, cu, ps := teamSetup(t, "sv", true)
	sizes := [][2]int{{MinWidth, MinHeight}, {160, 50}, {100, 30}}
	check := func(name string) {
		requireNoSharedKeys(t, m)
		for _, sz := range sizes {
			resize(t, m, sz[0], sz[1])
			requireFits(t, m)
			if strings.Contains(frameText(m), "för litet") {
				t.Errorf("%s at %dx%d says the window is too small", name, sz[0], sz[1])
			}
		}
		resize(t, m, 80, 24)
	}
	press(t, m, "P")
	check("participants")
	press(t, m, "esc", "S")
	check("form")
	press(t, m, "down", "enter", "enter", "enter")
	requireTop(t, m, m.c.T("tui.silent.title"))
	v, _ := model.OpenSilentRound(m.ws.Data().SilentRounds, cu.ID)
	check("round")
	press(t, m, "h")
	check("hot seat")
	press(t, m, "enter")
	check("questions")
	press(t, m, "esc", "esc")
	teamVotes(t, m, db, v, ps)
	press(t, m, "r")
	check("reveal")
	press(t, m, "enter")
	check("agree")
	press(t, m, "esc", "c")
	check("close")
	press(t, m, "n", "m")
	check("map")
}

// TestMapAndBriefMarkDivergence: a revealed round with a flagged question
// marks the customer with ! on the map and a line in the brief.
func TestMapAndBriefMarkDivergence(t *testing.T) {
	m, db, cu, ps := teamSetup(t, "en", true)
	v := openRoundFor(t, m, 1)
	teamVotes(t, m, db, v, ps)
	press(t, m, "r", "M", "y")
	press(t, m, "esc")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("back on %T", m.top())
	}
	// Answer set B so that the customer is placed on the map.
	press(t, m, "B")
	for range 10 {
		press(t, m, "3")
	}
	press(t, m, "m")
	resize(t, m, 160, 50)
	ms := m.top().(*mapScreen)
	for i := range ms.plot.Points {
		if ms.ranked[ms.plot.Placed[i]].Customer.ID == cu.ID {
			ms.selectPoint(i)
		}
	}
	if ms.selID != cu.ID {
		t.Fatalf("%s is not on the map", cu.Name)
	}
	s := frameText(m)
	if !strings.Contains(s, "! Team scores diverged with no") {
		t.Errorf("the map's panel does not mark the divergence:\n%s", s)
	}
	resize(t, m, 80, 24)
	if !strings.Contains(frameText(m), "! diverged: 1") {
		t.Errorf("the narrow map does not mark the divergence:\n%s", frameText(m))
	}
	press(t, m, "enter")
	b, ok := m.top().(*briefScreen)
	if !ok {
		t.Fatalf("enter on the map opened %T", m.top())
	}
	if all := ansi.Strip(strings.Join(b.lines, "\n")); !strings.Contains(squeeze(all), squeeze("! The team's scores diverged, with no agreed score yet, on A 1/10.")) {
		t.Errorf("the brief does not mark the divergence:\n%s", all)
	}
	// S in the brief opens the round, which is revealed.
	press(t, m, "S")
	if got := m.top().Title(); got != m.c.T("tui.reveal.title") {
		t.Errorf("S in the brief opened %q", got)
	}
}

// A participant who joins after a round opened is added to it with +.
func TestLatecomerJoinsAnOpenRound(t *testing.T) {
	m, db, _, _ := teamSetup(t, "en", true)
	v := openRoundFor(t, m, 1)
	late := model.Participant{ID: store.NewID(), WorkshopID: assets.DemoID, Name: "Dan Late", Created: teamT0.Add(time.Hour)}
	if err := db.PutParticipant(late); err != nil {
		t.Fatal(err)
	}
	drive(t, m, ParticipantMsg{WorkshopID: assets.DemoID})
	if roundNow(t, m, v.ID).Takes(late.ID) {
		t.Fatal("the latecomer is in the round already")
	}
	press(t, m, "+")
	if _, ok := m.top().(*workbench.FormScreen); !ok {
		t.Fatalf("+ opened %T", m.top())
	}
	press(t, m, "enter")
	r, err := db.SilentRound(assets.DemoID, v.ID)
	if err != nil || !r.Takes(late.ID) {
		t.Fatalf("the round after +: %+v, %v", r.Participants, err)
	}
	requireTop(t, m, m.c.T("tui.silent.title"))
	if !strings.Contains(m.statusText(), "Dan Late is in the round") {
		t.Fatalf("status %q", m.statusText())
	}
}

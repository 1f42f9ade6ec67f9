package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
	"styrka/ui/tui/workbench"
)

// openBrief opens the demo and the brief of the named customer, as a
// person would: down to the customer in the list, then enter.
func openBrief(t *testing.T, lang, name string) (*Model, *briefScreen) {
	t.Helper()
	m, s := openDemo(t, lang)
	return m, briefOf(t, m, s, name)
}

// briefOf moves the customer list's cursor to the named customer and
// opens its brief.
func briefOf(t *testing.T, m *Model, s *customersScreen, name string) *briefScreen {
	t.Helper()
	press(t, m, "home")
	for range s.shown {
		if a, ok := s.selected(); ok && a.Customer.Name == name {
			break
		}
		press(t, m, "down")
	}
	if a, ok := s.selected(); !ok || a.Customer.Name != name {
		t.Fatalf("no customer %q in the list", name)
	}
	press(t, m, "enter")
	b, ok := m.top().(*briefScreen)
	if !ok {
		t.Fatalf("enter on a customer opened %T", m.top())
	}
	return b
}

// briefText is every line of the brief, plain.
func briefText(b *briefScreen) string { return ansi.Strip(strings.Join(b.lines, "\n")) }

// Rydéns has "don't know" answers in set A; Mälarö is fully answered.
const (
	dontKnowCustomer = "Rydéns Mekaniska AB"
	cleanCustomer    = "Mälarö Lyftteknik AB"
)

func TestBriefGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		for _, c := range []struct{ name, customer string }{{"dontknow", dontKnowCustomer}, {"clean", cleanCustomer}} {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				m, _ := openBrief(t, lang, c.customer)
				goldenAt(t, m)
			})
		}
	}
}

func TestBriefContent(t *testing.T) {
	m, b := openBrief(t, "en", dontKnowCustomer)
	text := briefText(b)
	for _, want := range []string{
		"Rydéns Mekaniska AB: customer brief",
		"Offering assessed: Precision-machined gearbox housings",
		"1,900,000 SEK",
		"Small machine builder",
		"Profit impact", "Supply risk", "Relative value", "Attractiveness",
		"4 of 5 (1 don't know)",
		"How they see us: Strategic",
		"How we see them: Nuisance",
		"Power balance: We dominate",
		"Priority: P3",
		"High room to move (+2.5)",
		"The buyer’s expected stance: Diversify",
		"⚠ They see us as Strategic or a Bottleneck",
		"[ ] How large a part of the cost of their product or service is what you supply?",
		"[ ] What would it cost them, in money and time, to replace you?",
		"Develop (what we do today and should do more of)",
		"How to package the message:",
		"Who are we for the customer?",
		"Don't know",
		"Evidence: The CEO said in May",
		"(Demo, ",
	} {
		if !strings.Contains(text, want) && !strings.Contains(frameText(m), want) {
			t.Errorf("the brief lacks %q", want)
		}
	}
	if strings.Count(text, "Don't know") < 2 {
		t.Errorf("both don't-know answers should show:\n%s", text)
	}

	_, clean := openBrief(t, "en", cleanCustomer)
	text = briefText(clean)
	if !strings.Contains(text, "No warnings.") && !strings.Contains(text, "⚠") {
		t.Errorf("the clean brief shows neither warnings nor their absence:\n%s", text)
	}
	if !strings.Contains(text, "Nothing to validate") {
		t.Errorf("the clean brief should have nothing to validate:\n%s", text)
	}
}

func TestBriefNotPlaced(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter")
	s := m.top().(*customersScreen)
	if err := db.PutCustomer(model.Customer{WorkshopID: assets.DemoID, Name: "Nyköping Verktyg AB"}); err != nil {
		t.Fatal(err)
	}
	drive(t, m, m.ws.Load(assets.DemoID, nil))
	b := briefOf(t, m, s, "Nyköping Verktyg AB")
	requireFits(t, m)
	text := briefText(b)
	if n := strings.Count(text, "not placed"); n < 4 {
		t.Errorf("“not placed” shows %d times, want every dimension:\n%s", n, text)
	}
	for _, want := range []string{"0 of 5", "Room to move: not known", "Recommended activities follow", "not answered"} {
		if !strings.Contains(text, want) {
			t.Errorf("the brief of a customer without answers lacks %q:\n%s", want, text)
		}
	}
	press(t, m, "end")
	requireFits(t, m)
	for _, size := range [][2]int{{60, 16}, {160, 50}, {30, 10}} {
		resize(t, m, size[0], size[1])
		requireFits(t, m)
	}
}

func TestBriefWideHasTwoColumns(t *testing.T) {
	m, b := openBrief(t, "en", dontKnowCustomer)
	both := func() bool {
		for _, l := range strings.Split(frameText(m), "\n") {
			if strings.Contains(l, "Scores ─") && strings.Contains(l, "Negotiation ─") {
				return true
			}
		}
		return false
	}
	if both() {
		t.Fatalf("two columns at 80 wide:\n%s", frameText(m))
	}
	resize(t, m, 160, 50)
	requireFits(t, m)
	if !both() {
		t.Fatalf("no two columns at 160×50:\n%s", frameText(m))
	}
	// The facts that matter most fit on the first page.
	for _, want := range []string{"Priority: P3", "Diversify", "⚠", "[ ] What would it cost them", "Recommended activities"} {
		if !strings.Contains(frameText(m), want) {
			t.Errorf("the first page at 160×50 lacks %q:\n%s", want, frameText(m))
		}
	}
	// The columns are rebuilt at the new width, not in View.
	if len(b.lines) == 0 || ansi.StringWidth(b.lines[0]) > 160 {
		t.Fatal("lines not rebuilt for the width")
	}
	resize(t, m, 80, 24)
	if both() {
		t.Fatal("two columns after narrowing to 80")
	}
}

func TestBriefScrolls(t *testing.T) {
	m, b := openBrief(t, "en", dontKnowCustomer)
	last := "Small series of complex parts are not our focus."
	if strings.Contains(frameText(m), last) {
		t.Fatal("the last answer is on the first page")
	}
	if !strings.Contains(frameText(m), "lines 1–20 of ") {
		t.Fatalf("no scroll position:\n%s", frameText(m))
	}
	press(t, m, "down", "j")
	if b.offset != 2 {
		t.Fatalf("down, j: offset %d", b.offset)
	}
	press(t, m, "k")
	press(t, m, "space")
	if b.offset != 20 {
		t.Fatalf("space: offset %d, want a page less one line", b.offset)
	}
	press(t, m, "pgup")
	if b.offset != 1 {
		t.Fatalf("pgup: offset %d", b.offset)
	}
	press(t, m, "end")
	if !strings.Contains(frameText(m), last) || !strings.Contains(frameText(m), "How well does the account fit your strategy?") {
		t.Fatalf("end does not reach the last answer:\n%s", frameText(m))
	}
	n := len(b.lines)
	if !strings.Contains(frameText(m), "of "+fmt.Sprint(n)) || !strings.Contains(frameText(m), "–"+fmt.Sprint(n)+" of") {
		t.Fatalf("the position at the end should name the last line %d:\n%s", n, frameText(m))
	}
	press(t, m, "down", "pgdown")
	if b.offset != b.maxOffset() {
		t.Fatal("scrolled past the end")
	}
	requireFits(t, m)
	press(t, m, "g")
	if b.offset != 0 {
		t.Fatalf("home: offset %d", b.offset)
	}
	press(t, m, "up")
	if b.offset != 0 {
		t.Fatal("scrolled above the top")
	}
	// At the end, a larger window keeps the end in view without a gap.
	press(t, m, "end")
	resize(t, m, 120, 40)
	if b.offset != b.maxOffset() {
		t.Fatalf("offset %d after growing, max %d", b.offset, b.maxOffset())
	}
}

func TestBriefShowsNewScore(t *testing.T) {
	m, b := openBrief(t, "en", dontKnowCustomer)
	id := b.id
	before := m.ws.Data().Answers[id]["them.impact.cost_share"]
	if before.Score.Known() {
		t.Fatal("the demo changed: cost_share should be don't know")
	}
	drive(t, m, workbench.AnswerSavedMsg{
		Answer:   model.Answer{CustomerID: id, QuestionID: "them.impact.cost_share", Score: 5, Note: "The CEO confirmed it in November.", Author: "Eva", At: time.Date(2026, 11, 20, 12, 0, 0, 0, time.Local)},
		Previous: &before,
	})
	if m.top() != Screen(b) {
		t.Fatalf("the answer changed the screen to %T", m.top())
	}
	text := briefText(b)
	a := model.Assess(m.ws.Data().Workshop.Thresholds, m.c.Questions(), b.customer, m.ws.Data().Answers[id])
	score := report.Number("en", a.Scores[model.ProfitImpact].Value, 1)
	var impact string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "Profit impact") {
			impact = l
		}
	}
	if !strings.Contains(impact, " "+score+" ") || !strings.Contains(impact, "5 of 5") || strings.Contains(impact, "don't know") {
		t.Errorf("the profit impact row does not show %s, 5 of 5: %q", score, impact)
	}
	if strings.Contains(text, "[ ] How large a part of the cost of their product") {
		t.Error("the answered question is still to validate")
	}
	if !strings.Contains(text, "The CEO confirmed it in November. (Eva, 2026-11-20)") {
		t.Errorf("the new evidence is not shown:\n%s", text)
	}
	// Undo takes it back.
	drive(t, m, workbench.AnswerDeletedMsg{CustomerID: id, QuestionID: "them.impact.cost_share"})
	if !strings.Contains(briefText(b), "not answered") {
		t.Error("the deleted answer does not show as not answered")
	}
}

func TestBriefKeys(t *testing.T) {
	m, b := openBrief(t, "en", dontKnowCustomer)
	for _, k := range []string{"a", "A", "B"} {
		press(t, m, k)
		if m.top() == Screen(b) {
			t.Fatalf("%s did not open the questions", k)
		}
		press(t, m, "esc")
		if m.top() != Screen(b) {
			t.Fatalf("esc after %s: top is %T", k, m.top())
		}
	}
	press(t, m, "e")
	f, ok := m.top().(*workbench.FormScreen)
	if !ok || f.Title() != "Edit customer" {
		t.Fatalf("e opened %T", m.top())
	}
	press(t, m, "esc")
	press(t, m, "esc")
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatalf("esc from the brief: top is %T", m.top())
	}
}

func TestBriefMissingCustomer(t *testing.T) {
	m, db := newTestModel(t, "en", true)
	press(t, m, "enter")
	s := m.top().(*customersScreen)
	b := briefOf(t, m, s, cleanCustomer)
	if err := db.DeleteCustomer(assets.DemoID, b.id); err != nil {
		t.Fatal(err)
	}
	drive(t, m, m.ws.Load(assets.DemoID, nil))
	if !strings.Contains(frameText(m), "no longer in the workshop") {
		t.Fatalf("a deleted customer's brief:\n%s", frameText(m))
	}
	press(t, m, "a", "e", "end", "space")
	if m.top() != Screen(b) {
		t.Fatalf("keys on a missing customer opened %T", m.top())
	}
	requireFits(t, m)

	drive(t, m, push(newBrief(m.c, m.ws, "no-such-customer")))
	if !strings.Contains(frameText(m), "no longer in the workshop") {
		t.Fatalf("an unknown customer's brief:\n%s", frameText(m))
	}
}

// An answer to a question the content no longer asks is shown as history
// and not counted.
func TestBriefShowsRetiredAnswersAsHistory(t *testing.T) {
	m, b := openBrief(t, "en", cleanCustomer)
	if len(m.c.Content.Retired) == 0 {
		t.Skip("the content retires no question")
	}
	r := m.c.Content.Retired[0]
	before := model.Assess(m.ws.Data().Workshop.Thresholds, m.c.Questions(), b.customer, m.ws.Data().Answers[b.id])
	drive(t, m, workbench.AnswerSavedMsg{Answer: model.Answer{CustomerID: b.id, QuestionID: r.ID, Score: 1, Note: "Asked the old way.", Author: "Eva", At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}})
	text := briefText(b)
	if !strings.Contains(text, m.c.T("brief.history")) || !strings.Contains(text, r.Text) || !strings.Contains(text, "Asked the old way.") {
		t.Fatalf("the retired answer is not shown as history:\n%s", text)
	}
	after := model.Assess(m.ws.Data().Workshop.Thresholds, m.c.Questions(), b.customer, m.ws.Data().Answers[b.id])
	if !reflect.DeepEqual(before.Scores, after.Scores) {
		t.Fatal("a retired answer moved the scores")
	}
}

// A customer on the line: the brief names the dimension, how close it is
// and the class, regime and priority it could as well be.
func TestBriefNamesWhatOnTheLineCouldBe(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		m, _ := openDemo(t, lang)
		var a model.Assessment
		for _, x := range m.ws.Assess(m.c.Questions()) {
			if len(x.OnLine) > 0 {
				a = x
				break
			}
		}
		if len(a.OnLine) == 0 {
			t.Fatal("the demo has no customer on the line")
		}
		drive(t, m, push(newBrief(m.c, m.ws, a.Customer.ID)))
		text := squeeze(briefText(m.top().(*briefScreen)))
		for _, want := range report.LineSentences(m.c.Content, lang, a) {
			if !strings.Contains(text, squeeze(want)) {
				t.Fatalf("%s: the brief lacks %q", lang, want)
			}
		}
	}
}

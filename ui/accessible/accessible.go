// Package accessible is styrka's line-prompt mode: the question sets as
// plain prompts a screen reader can follow, for --accessible and
// TERM=dumb. Every answer is saved the moment it is given, as in the
// full-screen app.
package accessible

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"styrka/ui/answer"
	"time"

	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
	"styrka/store"
)

// errInputEnded stops the line prompts when the input ends.
var errInputEnded = errors.New("input ended")

// Options configure the line prompts.
type Options struct {
	Store   store.Store
	Content *assets.Content
	Lang    string
	// Author is recorded with every answer.
	Author string
}

// Run runs the question sets as plain line prompts that a screen
// reader can follow (huh's accessible mode): choose a workshop, a customer
// and which questions, then answer them one by one. Every answer is saved
// the moment it is given, as in the full-screen UI. When the input ends,
// it says that the answers so far are saved and returns nil.
func Run(ctx context.Context, o Options, in io.Reader, out io.Writer) error {
	a := &lineUI{
		o:   o,
		c:   o.Content,
		in:  &lineReader{r: bufio.NewReader(in)},
		out: &colorprofile.Writer{Forward: out, Profile: colorprofile.NoTTY},
	}
	err := a.run(ctx)
	if errors.Is(err, errInputEnded) {
		a.say("")
		a.say(a.c.T("a11y.eof"))
		return nil
	}
	return err
}

// lineReader hands huh one byte per Read, so that the scanner huh makes
// for every prompt never reads past the end of its line and swallows the
// next answer. A last line without a newline gets one; eof records that
// the input has ended.
type lineReader struct {
	r    *bufio.Reader
	last byte
	eof  bool
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if l.eof {
		return 0, io.EOF
	}
	b, err := l.r.ReadByte()
	if err != nil {
		if l.last != 0 && l.last != '\n' {
			l.last, p[0] = '\n', '\n'
			return 1, nil
		}
		l.eof = true
		return 0, io.EOF
	}
	l.last, p[0] = b, b
	return 1, nil
}

// lineUI is one run of the line prompts.
type lineUI struct {
	o   Options
	c   *assets.Content
	in  *lineReader
	out io.Writer
}

func (a *lineUI) say(s string) { _, _ = fmt.Fprintln(a.out, s) }

// ask runs one input field as a line prompt.
func (a *lineUI) ask(field *huh.Input) error {
	if a.in.eof {
		return errInputEnded
	}
	f := huh.NewForm(huh.NewGroup(field)).WithAccessible(true).WithInput(a.in).WithOutput(a.out).WithShowHelp(false)
	if err := f.Run(); err != nil {
		return err
	}
	if a.in.eof {
		return errInputEnded
	}
	return nil
}

// choose lists numbered options under a heading and returns the index of
// the one chosen; an empty line takes def.
func (a *lineUI) choose(heading string, options []string, def int) (int, error) {
	a.say(heading)
	for i, o := range options {
		a.say(fmt.Sprintf("%d. %s", i+1, o))
	}
	val := ""
	n := len(options)
	field := huh.NewInput().Title(a.c.T("a11y.choose", n, def+1)).Value(&val).Validate(func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
		if v, err := strconv.Atoi(s); err != nil || v < 1 || v > n {
			return errors.New(a.c.T("a11y.choose.invalid", n))
		}
		return nil
	})
	if err := a.ask(field); err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(strings.TrimSpace(val))
	if err != nil {
		return def, nil
	}
	return v - 1, nil
}

// name asks for a required name.
func (a *lineUI) name(prompt string) (string, error) {
	var val string
	field := huh.NewInput().Title(prompt).CharLimit(100).Value(&val).Validate(func(s string) error {
		if model.CleanText(s) == "" {
			return errors.New(a.c.T("field.required"))
		}
		return nil
	})
	if err := a.ask(field); err != nil {
		return "", err
	}
	return model.CleanText(val), nil
}

func (a *lineUI) run(ctx context.Context) error {
	a.say(a.c.T("a11y.intro"))
	a.say("")
	wid, err := a.chooseWorkshop()
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		ds, err := a.load(wid)
		if err != nil {
			return err
		}
		a.say("")
		cu, err := a.chooseCustomer(ds)
		if err != nil {
			return err
		}
		a.say("")
		mode, err := a.chooseMode()
		if err != nil {
			return err
		}
		if err := a.answer(ctx, ds, cu, mode); err != nil {
			return err
		}
		ds, err = a.load(wid)
		if err != nil {
			return err
		}
		a.say("")
		a.placement(ds, cu)
		a.say("")
		a.planning(ds, cu)
		a.say("")
		next, err := a.choose(a.c.T("a11y.next"), []string{a.c.T("a11y.next.customer"), a.c.T("a11y.next.quit")}, 0)
		if err != nil {
			return err
		}
		if next == 1 {
			a.say(a.c.T("a11y.bye"))
			return nil
		}
	}
	return nil
}

// chooseWorkshop picks a workshop, or makes one: the demo or a new one by
// name.
func (a *lineUI) chooseWorkshop() (string, error) {
	db := a.o.Store
	ws, err := db.Workshops()
	if err != nil {
		return "", err
	}
	hasDemo := false
	var opts []string
	for _, w := range ws {
		cs, err := db.Customers(w.ID)
		if err != nil {
			return "", err
		}
		opts = append(opts, a.c.T("a11y.workshop.item", w.Name, w.Date, len(cs)))
		hasDemo = hasDemo || w.ID == assets.DemoID
	}
	heading := a.c.T("a11y.workshop.choose")
	if len(ws) == 0 {
		heading = a.c.T("a11y.workshop.none")
	}
	demo, fresh := -1, len(opts)
	opts = append(opts, a.c.T("a11y.workshop.new"))
	if !hasDemo {
		demo = len(opts)
		opts = append(opts, a.c.T("a11y.workshop.demo"))
	}
	i, err := a.choose(heading, opts, 0)
	if err != nil {
		return "", err
	}
	switch i {
	case fresh:
		name, err := a.name(a.c.T("a11y.workshop.name"))
		if err != nil {
			return "", err
		}
		w := model.Workshop{ID: store.NewID(), Name: name, Date: time.Now().Format(time.DateOnly),
			HorizonMonths: model.DefaultHorizonMonths, Thresholds: model.DefaultThresholds()}
		if err := db.PutWorkshop(w); err != nil {
			return "", err
		}
		a.say(a.c.T("tui.workshop.created", name))
		return w.ID, nil
	case demo:
		ds, err := assets.DemoDataset(a.o.Lang)
		if err != nil {
			return "", err
		}
		if err := db.Import(ds, false); err != nil {
			return "", err
		}
		a.say(a.c.T("a11y.workshop.demo.created", ds.Workshop.Name, len(ds.Customers)))
		return ds.Workshop.ID, nil
	}
	return ws[i].ID, nil
}

// chooseCustomer picks a customer of the workshop, or adds one by name.
func (a *lineUI) chooseCustomer(ds model.Dataset) (model.Customer, error) {
	var opts []string
	def := -1
	for i, as := range ds.Assess(a.c.Questions()) {
		pa, pb := as.Progress[model.SetThem], as.Progress[model.SetUs]
		opts = append(opts, a.c.T("a11y.customer.item", as.Customer.Name, pa.Answered, pa.Questions, pb.Answered, pb.Questions))
		if def < 0 && !(pa.Done() && pb.Done()) {
			def = i
		}
	}
	heading := a.c.T("a11y.customer.choose", ds.Workshop.Name)
	if len(ds.Customers) == 0 {
		heading = a.c.T("a11y.customer.none", ds.Workshop.Name)
	}
	fresh := len(opts)
	opts = append(opts, a.c.T("a11y.customer.new"))
	i, err := a.choose(heading, opts, max(def, 0))
	if err != nil {
		return model.Customer{}, err
	}
	if i < fresh {
		return ds.Customers[i], nil
	}
	name, err := a.name(a.c.T("a11y.customer.name"))
	if err != nil {
		return model.Customer{}, err
	}
	cu := model.Customer{ID: store.NewID(), WorkshopID: ds.Workshop.ID, Name: name}
	if err := a.o.Store.PutCustomer(cu); err != nil {
		return model.Customer{}, err
	}
	a.say(a.c.T("tui.customer.created", name))
	return cu, nil
}

func (a *lineUI) chooseMode() (answer.Mode, error) {
	title := func(id model.SetID) string {
		s, _ := a.c.Set(id)
		return s.Title
	}
	opts := []string{
		a.c.T("a11y.mode.both"),
		a.c.T("a11y.mode.them", title(model.SetThem)),
		a.c.T("a11y.mode.us", title(model.SetUs)),
		a.c.T("a11y.mode.quick"),
	}
	i, err := a.choose(a.c.T("a11y.mode.choose"), opts, 0)
	// The options are in the order of the modes.
	return answer.Mode(i), err
}

// answer asks the customer's unanswered questions of the mode in order, or
// every one when all are answered, saving each answer as it is given.
func (a *lineUI) answer(ctx context.Context, ds model.Dataset, cu model.Customer, mode answer.Mode) error {
	list := answer.Questions(a.c, mode)
	answers := ds.Answers[cu.ID]
	var todo []int
	for i, q := range list {
		if _, ok := answers[q.ID]; !ok {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		a.say("")
		a.say(a.c.T("a11y.allanswered"))
		for i := range list {
			todo = append(todo, i)
		}
	}
	for _, i := range todo {
		if ctx.Err() != nil {
			return nil
		}
		q := list[i]
		letter, pos, total := answer.Position(a.c, list, i)
		a.say("")
		a.say(a.c.T("a11y.question", letter, pos, total, a.c.Dimensions[q.Dimension].Name))
		a.say(q.Text)
		a.say(q.Help)
		for l, anchor := range q.Anchors {
			a.say(fmt.Sprintf("%d: %s", l+1, anchor))
		}
		a.say(fmt.Sprintf("0: %s", a.c.T("answer.dontknow")))
		prev, had := answers[q.ID]
		val, prompt := "", a.c.T("a11y.score")
		if had {
			val = strconv.Itoa(int(prev.Score))
			prompt = a.c.T("a11y.score.keep", answer.ScoreLabel(a.c, prev.Score))
		}
		field := huh.NewInput().Title(prompt).Value(&val).Validate(func(s string) error {
			s = strings.TrimSpace(s)
			if s == "" && had {
				return nil
			}
			if v, err := strconv.Atoi(s); err != nil || !model.Score(v).Valid() {
				return errors.New(a.c.T("a11y.score.invalid"))
			}
			return nil
		})
		if err := a.ask(field); err != nil {
			return err
		}
		v, _ := strconv.Atoi(strings.TrimSpace(val))
		ans := model.Answer{CustomerID: cu.ID, QuestionID: q.ID, Score: model.Score(v), Note: prev.Note,
			Author: a.o.Author, At: time.Now().UTC()}
		if had {
			ans = ans.Rescored(prev)
		}
		if !had || prev.Score != ans.Score {
			if err := a.o.Store.SaveAnswer(ds.Workshop.ID, ans); err != nil {
				return err
			}
			a.say(a.c.T("a11y.saved", answer.ScoreLabel(a.c, ans.Score)))
		}
		note := ans.Note
		notePrompt := a.c.T("a11y.note")
		if note != "" {
			a.say(a.c.T("a11y.note.current", note))
			notePrompt = a.c.T("a11y.note.keep")
		}
		if err := a.ask(huh.NewInput().Title(notePrompt).CharLimit(500).Value(&note)); err != nil {
			return err
		}
		if clean := model.CleanNote(note); clean != ans.Note {
			ans.Note, ans.At = clean, time.Now().UTC()
			if err := a.o.Store.SaveAnswer(ds.Workshop.ID, ans); err != nil {
				return err
			}
			a.say(a.c.T("a11y.saved.note"))
		}
	}
	return nil
}

// placement says where the customer stands, in a line or two.
func (a *lineUI) placement(ds model.Dataset, cu model.Customer) {
	qs := a.c.Questions()
	as := model.Assess(ds.Workshop.Thresholds, qs, cu, ds.Answers[cu.ID])
	pa, pb := as.Progress[model.SetThem], as.Progress[model.SetUs]
	a.say(a.c.T("a11y.progress", cu.Name, pa.Answered, pa.Questions, pb.Answered, pb.Questions))
	if !as.Placed() {
		a.say(a.c.T("a11y.notplaced"))
		return
	}
	l := report.LabelsOf(a.c, a.o.Lang, as)
	unknown := func(s string) string {
		if s == "–" {
			return a.c.T("a11y.unknown")
		}
		return s
	}
	a.say(a.c.T("a11y.placement", unknown(l.Kraljic), unknown(l.Preferencing), l.Regime, unknown(l.Priority)))
}

// load reads a workshop, the demo's texts in the language in use.
func (a *lineUI) load(workshopID string) (model.Dataset, error) {
	ds, err := a.o.Store.Load(workshopID)
	if err != nil {
		return ds, err
	}
	ds, _ = assets.LocalizeDemo(ds, a.o.Lang)
	return ds, nil
}

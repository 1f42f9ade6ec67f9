package assets

import (
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"styrka/model"
)

// demoSpace is the namespace of the demo's name-based IDs: the same demo
// gets the same IDs on every machine, so running `styrka demo` again finds
// what it made before instead of adding a copy.
var demoSpace = uuid.MustParse("5f0c1d9e-6a53-4c1b-9a57-1f2b0d3e7c11")

// DemoID is the demo workshop's ID.
var DemoID = uuid.NewSHA1(demoSpace, []byte("workshop")).String()

// DemoDataset builds the demo workshop with its customers and answers,
// with notes in lang.
func DemoDataset(lang string) (model.Dataset, error) {
	d, err := LoadDemo()
	if err != nil {
		return model.Dataset{}, err
	}
	day, err := time.Parse(time.DateOnly, d.Workshop.Date)
	if err != nil {
		return model.Dataset{}, err
	}
	start := day.Add(9 * time.Hour)
	ds := model.Dataset{
		Workshop: model.Workshop{
			ID:            DemoID,
			Name:          d.Workshop.Name,
			Date:          d.Workshop.Date,
			OurCompany:    d.Workshop.OurCompany,
			HorizonMonths: model.DefaultHorizonMonths,
			Thresholds:    model.DefaultThresholds(),
			Created:       start,
			Updated:       start,
		},
		Answers: map[string]map[string]model.Answer{},
	}
	for i, dc := range d.Customers {
		at := start.Add(time.Duration(i) * 10 * time.Minute)
		rev := dc.Revenue
		c := model.Customer{
			ID:         uuid.NewSHA1(demoSpace, []byte("customer/"+dc.Name)).String(),
			WorkshopID: DemoID,
			Name:       model.CleanText(dc.Name),
			Offering:   model.CleanText(dc.Offering.In(lang)),
			Revenue:    &rev,
			Currency:   dc.Currency,
			Notes:      model.CleanNote(dc.Notes.In(lang)),
			Tags:       dc.Tags,
			Created:    at,
			Updated:    at,
		}
		ds.Customers = append(ds.Customers, c)
		answers := make(map[string]model.Answer, len(dc.Answers))
		for j, da := range dc.Answers {
			answers[da.Question] = model.Answer{
				CustomerID: c.ID,
				QuestionID: da.Question,
				Score:      model.Score(da.Score),
				Note:       model.CleanNote(da.Note.In(lang)),
				Author:     d.Workshop.Author,
				At:         at.Add(time.Duration(j+1) * 20 * time.Second),
			}
		}
		ds.Answers[c.ID] = answers
	}
	return ds, nil
}

// demoCustomers are the demo's customers by ID, for LocalizeDemo, read
// once and only when a workshop is the demo; nil when the demo does not
// load. LocalizeDemo only reads them.
var demoCustomers = sync.OnceValue(func() map[string]DemoCustomer {
	d, err := LoadDemo()
	if err != nil {
		return nil
	}
	byID := make(map[string]DemoCustomer, len(d.Customers))
	for _, dc := range d.Customers {
		byID[uuid.NewSHA1(demoSpace, []byte("customer/"+dc.Name)).String()] = dc
	}
	return byID
})

// LocalizeDemo shows the demo workshop in lang: a demo customer's offering,
// notes and answer notes that are still the demo's own text in another
// language are replaced by the text in lang, so a demo created in English
// speaks Swedish in a Swedish session. Anything a user has written or edited
// is left as it is, and so is every other workshop. It changes a copy of
// the customers and answers, never ds itself, and reports whether anything
// was translated; nothing is saved.
func LocalizeDemo(ds model.Dataset, lang string) (model.Dataset, bool) {
	if ds.Workshop.ID != DemoID {
		return ds, false
	}
	byID := demoCustomers()
	if byID == nil {
		return ds, false
	}
	// swap gives t in lang when s is t in another built-in language. The
	// demo stores its texts cleaned (DemoDataset), and they are clean as
	// written (TestDemoTextsAreClean), so comparing them is enough: this
	// runs on every command that shows the demo.
	swap := func(s string, t Text) (string, bool) {
		want := t.In(lang)
		if s == want {
			return s, false
		}
		for _, l := range Languages {
			if t.In(l) != want && s == t.In(l) {
				return want, true
			}
		}
		return s, false
	}
	// The customers and answers are copied at the first change: a demo
	// already in lang, the usual case, costs no copy.
	var cs []model.Customer
	var answers map[string]map[string]model.Answer
	change := func() {
		if cs != nil {
			return
		}
		cs = slices.Clone(ds.Customers)
		answers = make(map[string]map[string]model.Answer, len(ds.Answers))
		for id, m := range ds.Answers {
			answers[id] = m
		}
	}
	for i, c := range ds.Customers {
		dc, ok := byID[c.ID]
		if !ok {
			continue
		}
		if offering, did := swap(c.Offering, dc.Offering); did {
			change()
			cs[i].Offering = offering
		}
		if notes, did := swap(c.Notes, dc.Notes); did {
			change()
			cs[i].Notes = notes
		}
		var copied map[string]model.Answer
		for _, da := range dc.Answers {
			a, ok := ds.Answers[c.ID][da.Question]
			if !ok {
				continue
			}
			note, did := swap(a.Note, da.Note)
			if !did {
				continue
			}
			change()
			if copied == nil {
				copied = make(map[string]model.Answer, len(ds.Answers[c.ID]))
				for k, v := range ds.Answers[c.ID] {
					copied[k] = v
				}
				answers[c.ID] = copied
			}
			a.Note = note
			copied[da.Question] = a
		}
	}
	if cs == nil {
		return ds, false
	}
	ds.Customers, ds.Answers = cs, answers
	return ds, true
}

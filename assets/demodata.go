package assets

import (
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

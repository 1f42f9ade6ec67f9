package accessible

import (
	"strings"
	"time"

	"styrka/model"
	"styrka/report"
)

// planning says the customer's account planning after its placement, as
// the brief gives it (report.PlanningOf's words): the buying centre and
// the advice it does not meet, the negotiation worksheet, the target and
// what must change, and what to validate with the customer. One line a
// fact, each section under its heading.
func (a *lineUI) planning(ds model.Dataset, cu model.Customer) {
	as := model.Assess(ds.Workshop.Thresholds, a.c.Questions(), cu, ds.Answers[cu.ID])
	p := report.PlanningOf(report.Input{Dataset: ds, Content: a.c, Lang: a.o.Lang, Today: time.Now()}, as)
	t := a.c.T

	a.say(t("brief.centre") + ":")
	for _, r := range p.Centre {
		// What is known of the person; "–" (not known) is left out.
		var facts []string
		for _, f := range []string{r.Title, r.Role, r.Attitude, r.Level} {
			if f != "–" {
				facts = append(facts, model.SafeLine(f))
			}
		}
		if r.Owner != "–" {
			facts = append(facts, t("col.relowner")+" "+model.SafeLine(r.Owner))
		}
		if r.LastContact != "–" {
			facts = append(facts, t("col.lastcontact")+" "+r.LastContact)
		}
		line := "- " + model.SafeLine(r.Name)
		if len(facts) > 0 {
			line += ": " + strings.Join(facts, ", ")
		}
		a.say(line)
	}
	for _, w := range p.CentreWarnings {
		a.say("! " + w)
	}

	a.say("")
	a.say(t("brief.worksheet") + ":")
	for _, l := range p.Worksheet.Lines {
		a.say("- " + l.Label + ": " + model.SafeLine(l.Text))
	}
	a.say("- " + t("ws.alternatives") + ":")
	if p.Worksheet.Alternatives != "" {
		a.say("  " + model.SafeLine(p.Worksheet.Alternatives))
	}
	for _, s := range p.Worksheet.FromAnswers {
		a.say("  " + t("ws.fromanswers") + ": " + model.SafeLine(s))
	}
	a.say("- " + t("ws.tactics") + ": " + p.Worksheet.Tactics)
	if p.Worksheet.Notes != "" {
		a.say("- " + t("ws.notes") + ": " + model.SafeLine(p.Worksheet.Notes))
	}

	a.say("")
	a.say(t("brief.target") + ":")
	a.say(p.Target.Line)
	if p.Target.Status != "" {
		a.say(p.Target.Status)
	}
	if p.Target.Note != "" {
		a.say(model.SafeLine(p.Target.Note))
	}
	if len(p.Target.Gap) > 0 {
		a.say(t("target.change"))
		for _, g := range p.Target.Gap {
			a.say("- " + g)
		}
	}

	if len(p.Checklist) > 0 {
		a.say("")
		a.say(t("brief.validate") + ":")
		for _, c := range p.Checklist {
			box := "[ ]"
			if c.Done {
				box = "[x]"
			}
			a.say(box + " " + c.Question + " (" + model.SafeLine(c.Note) + ")")
		}
	}
}

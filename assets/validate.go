package assets

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"styrka/model"
)

// validate checks a whole content: both sets with valid questions, and a
// non-empty text for every class, regime, cell, stance, room level,
// warning and UI key. It returns the problems in file order as far as it
// can tell; the caller reports the first.
func validate(c *Content) []*FileError {
	var errs []*FileError
	add := func(field string, p Problem, detail string) {
		errs = append(errs, &FileError{Field: field, Problem: p, Detail: detail})
	}
	if c.Lang == "" {
		add("lang", ProblemEmpty, "")
	}
	validateSets(c.Sets, add)

	for _, d := range model.Dimensions {
		named(c.Dimensions, d, "dimensions", true, add)
	}
	unknownKeys(c.Dimensions, model.Dimensions, "dimensions", add)
	for _, k := range model.KraljicClasses {
		class(c.Kraljic, k, "kraljic", add)
	}
	unknownKeys(c.Kraljic, model.KraljicClasses, "kraljic", add)
	for _, p := range model.PreferencingClasses {
		class(c.Preferencing, p, "preferencing", add)
	}
	unknownKeys(c.Preferencing, model.PreferencingClasses, "preferencing", add)
	for _, r := range model.Regimes {
		f := "regimes." + string(r)
		t, ok := c.Regimes[r]
		if !ok {
			add(f, ProblemMissing, "")
			continue
		}
		nonEmpty(f+".name", t.Name, add)
		nonEmpty(f+".description", t.Description, add)
		advice(f, t.Advice, add)
		nonEmpty(f+".message", t.Message, add)
		nonEmpty(f+".negotiation", t.Negotiation, add)
	}
	unknownKeys(c.Regimes, model.Regimes, "regimes", add)
	var cellKeys []string
	for _, cell := range model.Cells() {
		k := cell.Key()
		cellKeys = append(cellKeys, k)
		f := "cells." + k
		t, ok := c.Cells[k]
		if !ok {
			add(f, ProblemMissing, "")
			continue
		}
		nonEmpty(f+".description", t.Description, add)
		advice(f, t.Advice, add)
		nonEmpty(f+".message", t.Message, add)
		nonEmpty(f+".negotiation", t.Negotiation, add)
	}
	unknownKeys(c.Cells, cellKeys, "cells", add)
	for _, s := range []model.Stance{model.Exploit, model.Balance, model.Diversify} {
		named(c.Stances, s, "stances", false, add)
	}
	for _, r := range []model.RoomLevel{model.RoomLow, model.RoomBalanced, model.RoomHigh} {
		named(c.Rooms, r, "rooms", false, add)
	}
	validateRetired(c, add)
	for _, w := range model.WarningKinds {
		f := "warnings." + string(w)
		if t, ok := c.Warnings[w]; !ok {
			add(f, ProblemMissing, "")
		} else {
			nonEmpty(f, t, add)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c.UI)) {
		nonEmpty("ui."+k, c.UI[k], add)
	}
	return errs
}

type addFunc func(field string, p Problem, detail string)

func validateSets(sets []SetDoc, add addFunc) {
	seenSet := map[model.SetID]bool{}
	seenQ := map[string]string{}
	for i, s := range sets {
		f := fmt.Sprintf("sets[%d]", i)
		switch {
		case s.ID != model.SetThem && s.ID != model.SetUs:
			add(f+".id", ProblemInvalid, fmt.Sprintf("%q: them, us", s.ID))
			continue
		case seenSet[s.ID]:
			add(f+".id", ProblemDuplicate, string(s.ID))
			continue
		}
		seenSet[s.ID] = true
		nonEmpty(f+".title", s.Title, add)
		nonEmpty(f+".intro", s.Intro, add)
		quick := map[model.Dimension]bool{}
		perDim := map[model.Dimension]int{}
		for j, q := range s.Questions {
			qf := fmt.Sprintf("%s.questions[%d]", f, j)
			switch {
			case strings.TrimSpace(q.ID) == "":
				add(qf+".id", ProblemEmpty, "")
			case seenQ[q.ID] != "":
				add(qf+".id", ProblemDuplicate, q.ID)
			default:
				seenQ[q.ID] = qf
			}
			if q.Dimension.Set() != s.ID {
				want := model.DimensionsOf(s.ID)
				add(qf+".dimension", ProblemInvalid, fmt.Sprintf("%q: %s, %s", q.Dimension, want[0], want[1]))
			} else {
				perDim[q.Dimension]++
				if q.Quick {
					if quick[q.Dimension] {
						add(qf+".quick", ProblemDuplicate, string(q.Dimension))
					}
					quick[q.Dimension] = true
				}
			}
			if !(q.Weight > 0) || q.Weight > 100 {
				add(qf+".weight", ProblemWeight, fmt.Sprint(q.Weight))
			}
			nonEmpty(qf+".text", q.Text, add)
			nonEmpty(qf+".help", q.Help, add)
			if len(q.Anchors) != model.Levels {
				add(qf+".anchors", ProblemAnchors, fmt.Sprint(len(q.Anchors)))
			}
			for k, a := range q.Anchors {
				nonEmpty(fmt.Sprintf("%s.anchors[%d]", qf, k), a, add)
			}
		}
		for _, d := range model.DimensionsOf(s.ID) {
			if perDim[d] == 0 {
				add(f+".questions", ProblemNoQuestion, string(d))
			}
		}
	}
	for _, id := range model.Sets {
		if !seenSet[id] {
			add("sets", ProblemMissing, string(id))
		}
	}
}

// validateRetired checks the retired questions: each has an ID that no
// current question uses (an ID is never reused for a new meaning), a text,
// a reason, and replacements that are current questions.
func validateRetired(c *Content, add addFunc) {
	current := map[string]bool{}
	for _, s := range c.Sets {
		for _, q := range s.Questions {
			current[q.ID] = true
		}
	}
	seen := map[string]bool{}
	for i, r := range c.Retired {
		f := fmt.Sprintf("retired[%d]", i)
		switch {
		case strings.TrimSpace(r.ID) == "":
			add(f+".id", ProblemEmpty, "")
		case current[r.ID]:
			add(f+".id", ProblemReused, r.ID)
		case seen[r.ID]:
			add(f+".id", ProblemDuplicate, r.ID)
		}
		seen[r.ID] = true
		nonEmpty(f+".text", r.Text, add)
		nonEmpty(f+".why", r.Why, add)
		for j, id := range r.ReplacedBy {
			if !current[id] {
				add(fmt.Sprintf("%s.replaced_by[%d]", f, j), ProblemInvalid, id)
			}
		}
	}
}

func nonEmpty(field, s string, add addFunc) {
	if strings.TrimSpace(s) == "" {
		add(field, ProblemEmpty, "")
	}
}

func advice(field string, a Advice, add addFunc) {
	for _, part := range []struct {
		name string
		list []string
	}{{"develop", a.Develop}, {"stop", a.Stop}, {"start", a.Start}} {
		name, list := part.name, part.list
		if len(list) == 0 {
			add(field+"."+name, ProblemEmpty, "")
		}
		for i, s := range list {
			nonEmpty(fmt.Sprintf("%s.%s[%d]", field, name, i), s, add)
		}
	}
}

func named[K ~string](m map[K]Named, k K, section string, short bool, add addFunc) {
	f := section + "." + string(k)
	t, ok := m[k]
	if !ok {
		add(f, ProblemMissing, "")
		return
	}
	nonEmpty(f+".name", t.Name, add)
	nonEmpty(f+".description", t.Description, add)
	if short {
		nonEmpty(f+".short", t.Short, add)
	}
}

func class[K ~string](m map[K]Class, k K, section string, add addFunc) {
	f := section + "." + string(k)
	t, ok := m[k]
	if !ok {
		add(f, ProblemMissing, "")
		return
	}
	nonEmpty(f+".name", t.Name, add)
	nonEmpty(f+".description", t.Description, add)
	nonEmpty(f+".behaviour", t.Behaviour, add)
}

func unknownKeys[K ~string, V any](m map[K]V, known []K, section string, add addFunc) {
	ok := map[K]bool{}
	for _, k := range known {
		ok[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !ok[k] {
			add(section+"."+string(k), ProblemUnknown, "")
		}
	}
}

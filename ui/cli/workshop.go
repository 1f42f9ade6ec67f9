package cli

import (
	"errors"
	"slices"
	"strings"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// matchStage is how a name matched: exactly, apart from upper and lower
// case, or as a part of a name.
type matchStage int

const (
	matchNone matchStage = iota
	matchExact
	matchCase
	matchPart
)

// match finds the items a typed name means. An ID or an exact name wins;
// without one, the names equal to it apart from case; without those, and
// when partial, the names that contain it. It returns every item of the
// first stage that has any, so more than one is ambiguous and never
// settled by the order the items happen to be in.
func match[T any](items []T, want string, key func(T) (id, name string), partial bool) ([]T, matchStage) {
	var hits []T
	for _, it := range items {
		if id, name := key(it); id == want {
			return []T{it}, matchExact
		} else if name == want {
			hits = append(hits, it)
		}
	}
	if len(hits) > 0 {
		return hits, matchExact
	}
	for _, it := range items {
		if _, name := key(it); strings.EqualFold(name, want) {
			hits = append(hits, it)
		}
	}
	if len(hits) > 0 || !partial {
		return hits, matchCase
	}
	lw := strings.ToLower(want)
	for _, it := range items {
		if _, name := key(it); strings.Contains(strings.ToLower(name), lw) {
			hits = append(hits, it)
		}
	}
	if len(hits) == 0 {
		return nil, matchNone
	}
	return hits, matchPart
}

// ambiguous is the error for a name that matches several items: kind is
// "workshop" or "customer"; names that are the same carry their IDs, which
// -w and -c take too.
func (a *App) ambiguous(kind, want string, stage matchStage, names, ids []string) error {
	list := make([]string, len(names))
	for i, n := range names {
		list[i] = a.quote(n)
		if stage == matchExact {
			list[i] += " (" + ids[i] + ")"
		}
	}
	key := map[matchStage]string{matchExact: ".same", matchCase: ".case", matchPart: ".ambiguous"}[stage]
	return a.errorf("err."+kind+key, a.quote(want), a.andList(list))
}

// The keys compare a stored name cleaned as typed names are: a name saved
// before CleanText dropped zero-width characters, or in a crafted file,
// is found by what it shows.
func workshopKey(w model.Workshop) (string, string) { return w.ID, model.CleanText(w.Name) }
func customerKey(c model.Customer) (string, string) { return c.ID, model.CleanText(c.Name) }

// findWorkshop resolves a workshop by ID or name (see match; workshops
// are not matched by a part of their name); without a name it takes the
// only workshop there is.
func (a *App) findWorkshop(name string) (model.Workshop, error) {
	db, err := a.DB()
	if err != nil {
		return model.Workshop{}, err
	}
	all, err := db.Workshops()
	if err != nil {
		return model.Workshop{}, err
	}
	names := func() string {
		var n []string
		for _, w := range all {
			n = append(n, a.quote(w.Name))
		}
		return a.andList(n)
	}
	if name == "" {
		switch len(all) {
		case 0:
			return model.Workshop{}, a.errorf("err.workshop.none")
		case 1:
			return all[0], nil
		}
		return model.Workshop{}, a.errorf("err.workshop.choose", names())
	}
	want := model.CleanText(name)
	hits, stage := match(all, want, workshopKey, false)
	switch {
	case len(hits) == 1:
		return hits[0], nil
	case len(hits) > 1:
		var ns, ids []string
		for _, w := range hits {
			ns, ids = append(ns, w.Name), append(ids, w.ID)
		}
		return model.Workshop{}, a.ambiguous("workshop", want, stage, ns, ids)
	case len(all) == 0:
		return model.Workshop{}, a.errorf("err.workshop.none")
	}
	return model.Workshop{}, a.errorf("err.workshop.unknown", a.quote(want), names())
}

// loadWorkshop resolves and loads a workshop with its customers and
// answers. The demo's own texts are shown in the language in use.
func (a *App) loadWorkshop(name string) (model.Dataset, error) {
	w, err := a.findWorkshop(name)
	if err != nil {
		return model.Dataset{}, err
	}
	db, err := a.DB()
	if err != nil {
		return model.Dataset{}, err
	}
	ds, err := db.Load(w.ID)
	if err != nil {
		return model.Dataset{}, err
	}
	ds, _ = assets.LocalizeDemo(ds, a.Lang)
	return ds, nil
}

// findCustomer resolves a customer of a dataset by ID or name: an exact
// name first, then one equal apart from case, then a unique part of a
// name.
func (a *App) findCustomer(ds model.Dataset, name string) (model.Customer, error) {
	want := model.CleanText(name)
	hits, stage := match(ds.Customers, want, customerKey, true)
	switch {
	case len(hits) == 1:
		return hits[0], nil
	case len(hits) > 1:
		var ns, ids []string
		for _, c := range hits {
			ns, ids = append(ns, c.Name), append(ids, c.ID)
		}
		return model.Customer{}, a.ambiguous("customer", want, stage, ns, ids)
	}
	var names []string
	for _, c := range ds.Customers {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	more := len(names) > 8
	if more {
		names = names[:8]
	}
	for i, n := range names {
		names[i] = a.quote(n)
	}
	list := strings.Join(names, ", ")
	if more {
		list += ", …"
	}
	return model.Customer{}, a.errorf("err.customer.unknown", a.quote(want), a.quote(ds.Workshop.Name), list)
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

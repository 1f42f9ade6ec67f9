package report

import (
	"slices"
	"time"

	"styrka/model"
)

// accountSheets are the workbook's sheets of account planning: the
// buying centres when any person is recorded, and the portfolio.
func accountSheets(in Input) []sheet {
	var out []sheet
	if s := stakeholderSheet(in); s.hasRows() {
		out = append(out, s)
	}
	return append(out, portfolioSheet(in))
}

// stakeholderSheet is one row per person of the customers' buying
// centres, customer by customer in the workshop's order, each centre as
// the brief orders it.
func stakeholderSheet(in Input) sheet {
	s := sheet{Name: in.t("brief.centre"), Columns: []column{
		{in.t("col.customer"), colText}, {in.t("col.name"), colText}, {in.t("col.title"), colText},
		{in.t("col.role"), colText}, {in.t("col.attitude"), colText}, {in.t("col.level"), colText},
		{in.t("col.relowner"), colText}, {in.t("col.lastcontact"), colDate}, {in.t("ws.notes"), colWrapped},
	}}
	text := func(v string) any {
		if v == "" {
			return nil
		}
		return v
	}
	named := func(prefix, key string, ok bool) any {
		if !ok {
			return nil
		}
		return in.t(prefix + key)
	}
	var rows [][]any
	for _, c := range in.Dataset.Customers {
		ss := in.Dataset.StakeholdersOf(c.ID)
		model.SortStakeholders(ss)
		for _, st := range ss {
			var last any
			if d, err := time.Parse(time.DateOnly, st.LastContact); err == nil {
				last = dateValue(d)
			}
			rows = append(rows, []any{c.Name, st.Name, text(st.Title),
				named("role.", string(st.Role), st.Role.Valid()), named("attitude.", string(st.Attitude), st.Attitude.Valid()),
				named("level.", string(st.Level), st.Level.Valid()), text(st.Owner), last, text(st.Notes)})
		}
	}
	s.Rows = slices.Values(rows)
	return s
}

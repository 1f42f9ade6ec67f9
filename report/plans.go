package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"styrka/model"
)

// The action plans and the closed rounds in every document: the JSON
// export and import, the Markdown report and brief, the CSV and Excel
// sheets, and the comparison with a round.

// customerNames maps the dataset's customers' IDs to their names.
func customerNames(ds model.Dataset) map[string]string {
	out := make(map[string]string, len(ds.Customers))
	for _, c := range ds.Customers {
		out[c.ID] = c.Name
	}
	return out
}

// documentPlans are the actions of the dataset's customers in the order
// they were made, and the rounds in the order they were closed, never nil.
func documentPlans(d model.Dataset) ([]model.Action, []model.Round) {
	names := customerNames(d)
	actions := []model.Action{}
	for _, a := range d.Actions {
		if _, ok := names[a.CustomerID]; ok {
			actions = append(actions, a)
		}
	}
	slices.SortStableFunc(actions, func(a, b model.Action) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
	rounds := slices.Clone(d.Rounds)
	if rounds == nil {
		rounds = []model.Round{}
	}
	model.SortRounds(rounds)
	return actions, rounds
}

// readPlans checks and cleans the actions and rounds of an export:
// customers holds the IDs of its customers. It returns the detail of an
// "invalid" ImportError, or "".
func readPlans(doc Document, workshopID string, customers map[string]bool) ([]model.Action, []model.Round, string) {
	var actions []model.Action
	ids := map[string]bool{}
	for i, a := range doc.Actions {
		a.Text = model.CleanText(a.Text)
		a.Owner = model.CleanText(a.Owner)
		a.Source = model.CleanText(a.Source)
		a.Due = model.CleanText(a.Due)
		switch {
		case a.ID == "":
			return nil, nil, fmt.Sprintf("actions[%d]: id is required", i)
		case ids[a.ID]:
			return nil, nil, fmt.Sprintf("actions[%d]: duplicate id %s", i, a.ID)
		case a.WorkshopID != workshopID:
			return nil, nil, fmt.Sprintf("actions[%d]: workshop_id %q is not the workshop's id", i, a.WorkshopID)
		case !customers[a.CustomerID]:
			return nil, nil, fmt.Sprintf("actions[%d]: customer_id %q is not a customer of the workshop", i, a.CustomerID)
		}
		if err := a.Validate(); err != nil {
			return nil, nil, fmt.Sprintf("actions[%d]: %v", i, err)
		}
		if bad := tooLong(a.Text, model.MaxActionTextLen); bad != "" {
			return nil, nil, fmt.Sprintf("actions[%d].text: %s", i, bad)
		}
		if bad := tooLong(a.Owner, model.MaxActionOwnerLen); bad != "" {
			return nil, nil, fmt.Sprintf("actions[%d].owner: %s", i, bad)
		}
		ids[a.ID] = true
		actions = append(actions, a)
	}
	var rounds []model.Round
	numbers := map[int]bool{}
	for i, r := range doc.Rounds {
		r.Name = model.CleanText(r.Name)
		switch {
		case r.ID == "":
			return nil, nil, fmt.Sprintf("rounds[%d]: id is required", i)
		case ids[r.ID]:
			return nil, nil, fmt.Sprintf("rounds[%d]: duplicate id %s", i, r.ID)
		case r.WorkshopID != workshopID:
			return nil, nil, fmt.Sprintf("rounds[%d]: workshop_id %q is not the workshop's id", i, r.WorkshopID)
		case r.Number < 1 || numbers[r.Number]:
			return nil, nil, fmt.Sprintf("rounds[%d]: number %d is not a new number from 1 up", i, r.Number)
		}
		ids[r.ID], numbers[r.Number] = true, true
		for j := range r.Customers {
			e := &r.Customers[j]
			e.Name = model.CleanText(e.Name)
			if e.CustomerID == "" {
				return nil, nil, fmt.Sprintf("rounds[%d].customers[%d]: customer_id is required", i, j)
			}
			for q, s := range e.Answers {
				if !s.Valid() {
					return nil, nil, fmt.Sprintf("rounds[%d].customers[%d]: score %d of %s is not 0–5", i, j, s, q)
				}
			}
			for d := range e.Scores {
				if !d.Valid() {
					return nil, nil, fmt.Sprintf("rounds[%d].customers[%d]: unknown dimension %q", i, j, d)
				}
			}
		}
		rounds = append(rounds, r)
	}
	return actions, rounds, ""
}

// kindName is an action kind's short name: Develop, Stop, Start.
func (in Input) kindName(k model.ActionKind) string { return in.t("action.kind." + string(k)) }

// statusName is an action's status in words, with "overdue" when it is.
func (in Input) statusName(a model.Action) string {
	s := in.t("action.status." + string(a.Status))
	if in.overdue(a) {
		s = in.t("action.overdue", s)
	}
	return s
}

func (in Input) overdue(a model.Action) bool { return !in.Today.IsZero() && a.Overdue(in.Today) }

// actionLine is an action as a brief lists it: kind and text, then its
// owner and due date, and its status when status is true or it is
// overdue (a list of open actions need not say "open").
func (in Input) actionLine(a model.Action, status bool) string {
	line := in.kindName(a.Kind) + ": " + a.Text
	var extra []string
	if a.Owner != "" {
		extra = append(extra, a.Owner)
	}
	if a.Due != "" {
		extra = append(extra, a.Due)
	}
	if status || in.overdue(a) {
		extra = append(extra, in.statusName(a))
	}
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	return line
}

// planActions are the actions of the dataset's customers, of one customer
// when customerID is given, by due date.
func (in Input) planActions(customerID string) []model.Action {
	names := customerNames(in.Dataset)
	var out []model.Action
	for _, a := range model.FilterActions(in.Dataset.Actions, model.ActionFilter{CustomerID: customerID}) {
		if _, ok := names[a.CustomerID]; ok {
			out = append(out, a)
		}
	}
	return model.SortByDue(out)
}

// writeActionPlan writes the action plan: the workshop's, or one
// customer's when customerID is given; nothing when there are no actions.
func writeActionPlan(b *strings.Builder, in Input, customerID string) {
	as := in.planActions(customerID)
	if len(as) == 0 {
		return
	}
	names := customerNames(in.Dataset)
	var open, overdue, done, dropped int
	for _, a := range as {
		switch a.Status {
		case model.StatusOpen:
			open++
			if in.overdue(a) {
				overdue++
			}
		case model.StatusDone:
			done++
		case model.StatusDropped:
			dropped++
		}
	}
	fmt.Fprintf(b, "## %s\n\n%s\n\n", in.t("report.actions"), in.t("report.actions.count", open, overdue, done, dropped))
	cols := []string{in.t("col.due"), in.t("col.customer"), in.t("col.kind"), in.t("col.action"), in.t("col.owner"), in.t("col.status")}
	if customerID != "" {
		cols = slices.Delete(cols, 1, 2)
	}
	fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(cols, " | "), strings.Repeat("---|", len(cols)))
	for _, a := range as {
		due := mdEscape(a.Due)
		if due == "" {
			due = "–"
		}
		status := in.statusName(a)
		if in.overdue(a) {
			status = "**⚠ " + status + "**"
		}
		cells := []string{due, mdEscape(names[a.CustomerID]), in.kindName(a.Kind), mdEscape(a.Text), mdEscape(a.Owner), status}
		if customerID != "" {
			cells = slices.Delete(cells, 1, 2)
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
	}
	b.WriteString("\n")
}

// RoundTitle names a round for a heading: its number, its name if it has
// one, and the day it was closed.
func RoundTitle(t func(string, ...any) string, r model.Round) string {
	day := r.ClosedAt.Local().Format(time.DateOnly)
	if r.Name != "" {
		return t("round.title.named", r.Number, r.Name, day)
	}
	return t("round.title", r.Number, day)
}

// regimeName, kraljicName and prefName name a placement, "–" for none.
func (in Input) regimeName(r model.Regime) string {
	if r == "" {
		return "–"
	}
	return in.Content.Regimes[r].Name
}

func (in Input) kraljicName(k model.Kraljic) string {
	if k == "" {
		return "–"
	}
	return in.Content.Kraljic[k].Name
}

func (in Input) prefName(p model.Preferencing) string {
	if p == "" {
		return "–"
	}
	return in.Content.Preferencing[p].Name
}

// moved is "from → to" when a value changed, the value otherwise.
func moved(from, to string, changed bool) string {
	if !changed {
		return to
	}
	return from + " → " + to
}

// changes compares the current state with a round, the answer changes of
// each customer in question order.
func (in Input) changes(r model.Round, ranked []model.Assessment) []model.CustomerChange {
	qs := in.Content.Questions()
	out := model.Compare(r, ranked, in.Dataset.Answers)
	for i := range out {
		model.SortAnswerChanges(out[i].Answers, qs)
	}
	return out
}

// writeMovements writes, under the priorities of the workshop report, who
// changed power balance, class or priority since the last round.
func writeMovements(b *strings.Builder, in Input, ranked []model.Assessment) {
	last, ok := model.LastRound(in.Dataset.Rounds)
	if !ok {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", in.t("report.since", RoundTitle(in.t, last)))
	var rows []model.CustomerChange
	answered := 0
	for _, ch := range in.changes(last, ranked) {
		if ch.Moved() || ch.ClassChanged() || ch.Priority.Changed() || ch.Added || ch.Removed {
			rows = append(rows, ch)
		} else if len(ch.Answers) > 0 {
			answered++
		}
	}
	if len(rows) == 0 {
		fmt.Fprintf(b, "%s\n\n", in.t("report.since.none", last.Number))
	} else {
		writeClassTable(b, in, rows, true)
	}
	if answered > 0 {
		fmt.Fprintf(b, "%s\n\n", in.t("report.since.answers", answered))
	}
}

// writeClassTable writes a table of customers with their power balance,
// classes and priority then and now.
func writeClassTable(b *strings.Builder, in Input, rows []model.CustomerChange, regime bool) {
	cols := []string{in.t("col.customer"), in.t("col.regime"), in.t("col.kraljic"), in.t("col.preferencing"), in.t("col.priority")}
	if !regime {
		cols = slices.Delete(cols, 1, 2)
	}
	fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(cols, " | "), strings.Repeat("---|", len(cols)))
	for _, ch := range rows {
		name := mdEscape(ch.Name)
		switch {
		case ch.Added:
			name += " (" + in.t("report.since.new") + ")"
		case ch.Removed:
			name += " (" + in.t("report.since.gone") + ")"
		}
		cells := []string{name,
			moved(in.regimeName(ch.Regime.From), in.regimeName(ch.Regime.To), ch.Regime.Changed()),
			moved(in.kraljicName(ch.Kraljic.From), in.kraljicName(ch.Kraljic.To), ch.Kraljic.Changed()),
			moved(in.prefName(ch.Pref.From), in.prefName(ch.Pref.To), ch.Pref.Changed()),
			moved(ch.Priority.From.String(), ch.Priority.To.String(), ch.Priority.Changed()),
		}
		if !regime {
			cells = slices.Delete(cells, 1, 2)
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
	}
	b.WriteString("\n")
}

// ChangeLines describes one customer's change since a round in short
// lines of plain text: power balance, classes, priority, scores and
// answers, each only when it changed. The terminal UI shows the same.
func ChangeLines(in Input, ch model.CustomerChange) []string {
	var out []string
	item := func(label, value string) { out = append(out, label+": "+value) }
	if ch.Regime.Changed() {
		item(in.t("col.regime"), in.regimeName(ch.Regime.From)+" → "+in.regimeName(ch.Regime.To))
	}
	if ch.Kraljic.Changed() {
		item(in.t("col.kraljic"), in.kraljicName(ch.Kraljic.From)+" → "+in.kraljicName(ch.Kraljic.To))
	}
	if ch.Pref.Changed() {
		item(in.t("col.preferencing"), in.prefName(ch.Pref.From)+" → "+in.prefName(ch.Pref.To))
	}
	if ch.Priority.Changed() {
		item(in.t("col.priority"), ch.Priority.From.String()+" → "+ch.Priority.To.String())
	}
	for _, d := range ch.Scores {
		item(in.Content.Dimensions[d.Dimension].Name, in.scoreMove(d))
	}
	return out
}

// scoreMove is a score's change, such as "2.4 → 3.2 (+0.8)".
func (in Input) scoreMove(d model.ScoreDelta) string {
	v := func(s model.RoundScore) string {
		if !s.Placed {
			return in.t("brief.notplaced")
		}
		return Number(in.Lang, s.Value, 1)
	}
	s := v(d.From) + " → " + v(d.To)
	if d.From.Placed && d.To.Placed {
		s += " (" + Signed(in.Lang, d.Delta(), 1) + ")"
	}
	return s
}

// AnswerMove is an answer's change, such as "2 → 4" or "not answered →
// Don't know".
func AnswerMove(in Input, a model.AnswerChange) string {
	v := func(s model.Score, given bool) string {
		switch {
		case !given:
			return in.t("brief.unanswered")
		case !s.Known():
			return in.t("answer.dontknow")
		}
		return fmt.Sprint(int(s))
	}
	return v(a.From, a.Before) + " → " + v(a.To, a.After)
}

// QuestionText is a question's text, or its ID for a question the
// content no longer has.
func QuestionText(in Input, id string) string {
	for _, q := range in.Content.Questions() {
		if q.ID == id {
			return q.Text
		}
	}
	return id
}

// writeSinceRound writes, in a customer's brief, how its position changed
// since the last round; nothing before the first round.
func writeSinceRound(b *strings.Builder, in Input, a model.Assessment) {
	last, ok := model.LastRound(in.Dataset.Rounds)
	if !ok {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", in.t("report.since", RoundTitle(in.t, last)))
	ch, _ := model.ChangeOf(in.changes(last, []model.Assessment{a}), a.Customer.ID)
	switch {
	case ch.Added:
		fmt.Fprintf(b, "%s\n\n", in.t("brief.since.new", last.Number))
		return
	case !ch.Changed():
		fmt.Fprintf(b, "%s\n\n", in.t("brief.since.none", last.Number))
		return
	}
	writeChange(b, in, ch)
}

// writeChange lists a customer's change as Markdown bullets.
func writeChange(b *strings.Builder, in Input, ch model.CustomerChange) {
	for _, l := range ChangeLines(in, ch) {
		label, value, _ := strings.Cut(l, ": ")
		fmt.Fprintf(b, "- **%s:** %s\n", label, value)
	}
	if len(ch.Answers) > 0 {
		fmt.Fprintf(b, "- **%s:**\n", in.t("report.compare.answers"))
		for _, a := range ch.Answers {
			fmt.Fprintf(b, "  - %s: %s\n", mdEscape(QuestionText(in, a.QuestionID)), AnswerMove(in, a))
		}
	}
	b.WriteString("\n")
}

// WriteCompare writes the Markdown comparison of the workshop now with a
// closed round: who moved between power balances, whose classes changed,
// and which answers changed, customer by customer.
func WriteCompare(w io.Writer, in Input, r model.Round) error {
	ws := in.Dataset.Workshop
	changes := in.changes(r, in.ranked())
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", in.t("report.compare.title", mdEscape(ws.Name), mdEscape(RoundTitle(in.t, r))))
	var changed, movedRegime, classes, added, removed []model.CustomerChange
	answers := 0
	for _, ch := range changes {
		switch {
		case ch.Added:
			added = append(added, ch)
		case ch.Removed:
			removed = append(removed, ch)
		}
		if !ch.Changed() {
			continue
		}
		changed = append(changed, ch)
		if ch.Moved() && !ch.Added && !ch.Removed {
			movedRegime = append(movedRegime, ch)
		}
		if (ch.ClassChanged() || ch.Priority.Changed()) && !ch.Added && !ch.Removed {
			classes = append(classes, ch)
		}
		if len(ch.Answers) > 0 || len(ch.Scores) > 0 {
			answers++
		}
	}
	current := len(changes) - len(removed)
	fmt.Fprintf(&b, "%s\n\n", in.t("report.compare.meta", len(changed), current))

	fmt.Fprintf(&b, "## %s\n\n", in.t("report.compare.moved"))
	if len(movedRegime) == 0 {
		fmt.Fprintf(&b, "%s\n\n", in.t("report.compare.moved.none"))
	} else {
		fmt.Fprintf(&b, "| %s | %s | %s |\n|---|---|---|\n", in.t("col.customer"), in.t("round.short", r.Number), in.t("report.compare.now"))
		for _, ch := range movedRegime {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", mdEscape(ch.Name), in.regimeName(ch.Regime.From), in.regimeName(ch.Regime.To))
		}
		b.WriteString("\n")
	}

	fmt.Fprintf(&b, "## %s\n\n", in.t("report.compare.classes"))
	if len(classes) == 0 {
		fmt.Fprintf(&b, "%s\n\n", in.t("report.compare.classes.none"))
	} else {
		writeClassTable(&b, in, classes, false)
	}

	fmt.Fprintf(&b, "## %s\n\n", in.t("report.compare.answers"))
	if answers == 0 {
		fmt.Fprintf(&b, "%s\n\n", in.t("report.compare.answers.none"))
	}
	for _, ch := range changed {
		if ch.Added || ch.Removed || (len(ch.Answers) == 0 && len(ch.Scores) == 0) {
			continue
		}
		fmt.Fprintf(&b, "### %s\n\n", mdEscape(ch.Name))
		writeChange(&b, in, ch)
	}

	for _, part := range []struct {
		key  string
		list []model.CustomerChange
	}{{"report.compare.added", added}, {"report.compare.removed", removed}} {
		if len(part.list) == 0 {
			continue
		}
		names := make([]string, len(part.list))
		for i, ch := range part.list {
			names[i] = mdEscape(ch.Name)
		}
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", in.t(part.key), strings.Join(names, ", "))
	}
	return writeText(w, strings.TrimRight(b.String(), "\n")+"\n")
}

// CompareFormat identifies the JSON comparison with a round.
const CompareFormat = "styrka-compare"

// CompareDocument is the JSON comparison of a workshop with a round: the
// same data as WriteCompare, for other tools.
type CompareDocument struct {
	Format   string `json:"format"`
	Version  int    `json:"version"`
	Workshop struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"workshop"`
	Round struct {
		ID       string    `json:"id"`
		Number   int       `json:"number"`
		Name     string    `json:"name,omitempty"`
		ClosedAt time.Time `json:"closed_at"`
	} `json:"round"`
	// Customers is the number of customers in the workshop now.
	Customers int `json:"customers"`
	// Changes lists the customers that changed, in priority order, then
	// those no longer in the workshop.
	Changes []model.CustomerChange `json:"changes"`
}

// WriteCompareJSON writes the comparison of the workshop now with a round
// as JSON.
func WriteCompareJSON(w io.Writer, in Input, r model.Round) error {
	doc := CompareDocument{Format: CompareFormat, Version: 1, Changes: []model.CustomerChange{}}
	doc.Workshop.ID, doc.Workshop.Name = in.Dataset.Workshop.ID, in.Dataset.Workshop.Name
	doc.Round.ID, doc.Round.Number, doc.Round.Name, doc.Round.ClosedAt = r.ID, r.Number, r.Name, r.ClosedAt
	doc.Customers = len(in.Dataset.Customers)
	for _, ch := range in.changes(r, in.ranked()) {
		if ch.Changed() {
			doc.Changes = append(doc.Changes, ch)
		}
	}
	return writeJSON(w, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	})
}

// actionSheet is one row per action of the dataset's customers, by due
// date.
func actionSheet(in Input) sheet {
	s := sheet{Name: in.t("export.sheet.actions"), Columns: []column{
		{in.t("col.due"), colDate},
		{in.t("col.customer"), colText},
		{in.t("col.kind"), colText},
		{in.t("col.action"), colWrapped},
		{in.t("col.owner"), colText},
		{in.t("col.status"), colText},
		{in.t("export.overdue"), colFlag},
		{in.t("export.source"), colText},
		{in.t("export.created"), colTime},
		{in.t("export.updated"), colTime},
	}}
	names := customerNames(in.Dataset)
	var rows [][]any
	for _, a := range in.planActions("") {
		var due any
		if d, err := time.Parse(time.DateOnly, a.Due); err == nil {
			due = dateValue(d) // a date to a spreadsheet, YYYY-MM-DD in a CSV file
		}
		rows = append(rows, []any{due, names[a.CustomerID], in.kindName(a.Kind), a.Text, a.Owner,
			in.t("action.status." + string(a.Status)), in.overdue(a), in.sourceName(a.Source), utcOrNil(a.Created), utcOrNil(a.Updated)})
	}
	s.Rows = slices.Values(rows)
	return s
}

// sourceName names the advice an action was adopted from as a reader
// knows it: the cell's classes or the regime's name, not its key.
func (in Input) sourceName(src string) string {
	c := in.Content
	switch kind, key, _ := strings.Cut(src, ":"); kind {
	case "regime":
		if r, ok := c.Regimes[model.Regime(key)]; ok {
			return r.Name
		}
	case "cell":
		for k, kt := range c.Kraljic {
			for p, pt := range c.Preferencing {
				if (model.Cell{Kraljic: k, Preferencing: p}).Key() == key {
					return kt.Name + " × " + pt.Name
				}
			}
		}
	}
	return src
}

// roundSheet is one row per customer per closed round: the scores,
// classes, regime and priority the round saw.
func roundSheet(in Input) sheet {
	c := in.Content
	cols := []column{
		{in.t("export.round"), colInt},
		{in.t("export.roundname"), colText},
		{in.t("export.closed"), colTime},
		{in.t("col.customer"), colText},
	}
	for _, d := range model.Dimensions {
		cols = append(cols, column{c.Dimensions[d].Name, colScore})
	}
	cols = append(cols,
		column{in.t("view.kraljic"), colText},
		column{in.t("view.preferencing"), colText},
		column{in.t("col.regime"), colText},
		column{in.t("col.priority"), colText},
		column{in.t("export.answers"), colInt},
	)
	s := sheet{Name: in.t("export.sheet.rounds"), Columns: cols}
	rounds := slices.Clone(in.Dataset.Rounds)
	model.SortRounds(rounds)
	named := func(ok bool, name string) any {
		if !ok {
			return nil
		}
		return name
	}
	s.Rows = func(yield func([]any) bool) {
		row := make([]any, 0, len(cols))
		for _, r := range rounds {
			for _, e := range r.Customers {
				row = append(row[:0], r.Number, r.Name, utcOrNil(r.ClosedAt), e.Name)
				for _, d := range model.Dimensions {
					if sc := e.Scores[d]; sc.Placed {
						row = append(row, round2(sc.Value))
					} else {
						row = append(row, nil)
					}
				}
				row = append(row,
					named(e.Kraljic != "", c.Kraljic[e.Kraljic].Name),
					named(e.Pref != "", c.Preferencing[e.Pref].Name),
					named(e.Regime != "", c.Regimes[e.Regime].Name),
					named(e.Priority != model.NoPriority, e.Priority.String()),
					len(e.Answers),
				)
				if !yield(row) {
					return
				}
			}
		}
	}
	return s
}

func utcOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// planSheets are the sheets of the workbook after customers and answers:
// the actions and the rounds, each when there are any.
func planSheets(in Input) []sheet {
	var out []sheet
	if len(in.planActions("")) > 0 {
		out = append(out, actionSheet(in))
	}
	if len(in.Dataset.Rounds) > 0 {
		out = append(out, roundSheet(in))
	}
	return out
}

// ForCustomer is a dataset narrowed to one customer, as the one-customer
// exports hold it: its answers and actions, and the rounds with only
// what they saw of it.
func ForCustomer(ds model.Dataset, customerID string) model.Dataset {
	out := ds
	out.Customers = nil
	for _, c := range ds.Customers {
		if c.ID == customerID {
			out.Customers = append(out.Customers, c)
		}
	}
	out.Answers = map[string]map[string]model.Answer{customerID: ds.Answers[customerID]}
	out.Actions = model.FilterActions(ds.Actions, model.ActionFilter{CustomerID: customerID})
	out.Stakeholders = ds.StakeholdersOf(customerID)
	out.Worksheets, out.Targets = nil, nil
	if w, ok := ds.WorksheetOf(customerID); ok {
		out.Worksheets = []model.Worksheet{w}
	}
	if t, ok := ds.TargetOf(customerID); ok {
		out.Targets = []model.Target{t}
	}
	out.Rounds = nil
	for _, r := range ds.Rounds {
		r.Customers = slices.DeleteFunc(slices.Clone(r.Customers), func(e model.RoundEntry) bool { return e.CustomerID != customerID })
		out.Rounds = append(out.Rounds, r)
	}
	return out
}

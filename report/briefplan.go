package report

import (
	"fmt"
	"strings"
	"time"

	"styrka/model"
)

// The account planning in a customer's brief (issue 14): the buying
// centre with the advice it does not meet, the negotiation worksheet, the
// target position and the gap to it, and "validate with the customer" as a
// checklist. Planning works it out once as plain text, which the Markdown
// brief and the PDF brief both lay out.

// Planning is one customer's account planning in words.
type Planning struct {
	Centre         []StakeholderRow
	CentreWarnings []string
	Worksheet      WorksheetText
	Target         TargetText
	Checklist      []CheckLine
}

// StakeholderRow is one person of the buying centre as the brief shows
// them; an unknown field is "–".
type StakeholderRow struct {
	Name, Title, Role, Attitude, Level, Owner, LastContact string
}

// WorksheetText is the negotiation worksheet in words.
type WorksheetText struct {
	// Lines are the seller's entries (target, walk-away, floor, give,
	// get), each "to fill in" when blank.
	Lines []LabelText
	// Alternatives is the seller's own account; FromAnswers what set A's
	// answers say of their alternatives and switching.
	Alternatives string
	FromAnswers  []string
	Tactics      string
	Room         string
	Notes        string
}

// LabelText is a labelled line.
type LabelText struct {
	Label, Text string
	// Blank is true when the text is the "to fill in" placeholder.
	Blank bool
}

// TargetText is the target position and the gap to it in words.
type TargetText struct {
	// Line names the target, or says none is set.
	Line string
	Set  bool
	// Status is "met" or "overdue" as a sentence, or "".
	Status string
	Note   string
	// Gap lists what must change, dimension by dimension.
	Gap []string
	// Actions are the actions tied to the gap; Progress the distance in
	// each closed round and now.
	Actions  []string
	Progress []string
}

// CheckLine is one item of "validate with the customer".
type CheckLine struct {
	Question string
	Done     bool
	// Note says why it is listed, or who confirmed it and when.
	Note string
}

// dash stands for a field not known.
const dash = "–"

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

// PlanningOf works out one customer's account planning for its brief.
func PlanningOf(in Input, a model.Assessment) Planning {
	return Planning{
		Centre:         in.centreRows(a.Customer.ID),
		CentreWarnings: in.centreWarnings(a),
		Worksheet:      in.worksheetText(a),
		Target:         in.targetText(a),
		Checklist:      in.checklist(a),
	}
}

func (in Input) centreRows(customerID string) []StakeholderRow {
	ss := in.Dataset.StakeholdersOf(customerID)
	model.SortStakeholders(ss)
	out := make([]StakeholderRow, 0, len(ss))
	for _, s := range ss {
		r := StakeholderRow{Name: s.Name, Title: orDash(s.Title), Role: dash, Attitude: dash, Level: dash, Owner: orDash(s.Owner), LastContact: orDash(s.LastContact)}
		if s.Role.Valid() {
			r.Role = in.t("role." + string(s.Role))
		}
		if s.Attitude.Valid() {
			r.Attitude = in.t("attitude." + string(s.Attitude))
		}
		if s.Level.Valid() {
			r.Level = in.t("level." + string(s.Level))
		}
		out = append(out, r)
	}
	return out
}

func (in Input) centreWarnings(a model.Assessment) []string {
	var out []string
	for _, w := range model.CheckBuyingCentre(a.Regime, in.Dataset.StakeholdersOf(a.Customer.ID), in.Today) {
		switch w.Kind {
		case model.CentreFewLevels:
			out = append(out, in.t("centre.warn.few_levels", w.Levels))
		case model.CentreStale:
			if w.LastContact == "" {
				out = append(out, in.t("centre.warn.stale.never"))
			} else {
				out = append(out, in.t("centre.warn.stale", w.LastContact))
			}
		default:
			out = append(out, in.t("centre.warn."+string(w.Kind)))
		}
	}
	return out
}

func (in Input) worksheetText(a model.Assessment) WorksheetText {
	w, _ := in.Dataset.WorksheetOf(a.Customer.ID)
	line := func(key, text string) LabelText {
		if strings.TrimSpace(text) == "" {
			return LabelText{Label: in.t(key), Text: in.t("ws.blank"), Blank: true}
		}
		return LabelText{Label: in.t(key), Text: text}
	}
	out := WorksheetText{
		Lines: []LabelText{
			line("ws.target", w.Target), line("ws.walkaway", w.WalkAway), line("ws.floor", w.Floor),
			line("ws.give", strings.Join(w.Give, "; ")), line("ws.get", strings.Join(w.Get, "; ")),
		},
		Alternatives: w.Alternatives,
		Notes:        w.Notes,
	}
	for _, alt := range model.Alternatives(in.Content.Questions(), in.Dataset.Answers[a.Customer.ID]) {
		s := in.t("answer.dontknow")
		if alt.Answer.Score.Known() {
			s = fmt.Sprintf("%d – %s", alt.Answer.Score, alt.Anchor)
		}
		text := alt.Question.Text + " " + s
		if alt.Answer.Note != "" {
			text += " (" + strings.ReplaceAll(alt.Answer.Note, "\n", " ") + ")"
		}
		out.FromAnswers = append(out.FromAnswers, text)
	}
	if a.Kraljic != "" {
		out.Tactics = in.t("tactics." + string(a.Kraljic))
	} else {
		out.Tactics = in.t("tactics.none")
	}
	l := LabelsOf(in.Content, in.Lang, a)
	if a.Room.Placed {
		out.Room = in.t("brief.room", l.Room, l.Stance, in.Content.Stances[a.Room.Stance].Description)
	} else {
		out.Room = in.t("brief.room.none")
	}
	return out
}

// targetName names a target's classes and date: "Strategic in their
// eyes, Core for us, by 2027-06-30".
func (in Input) targetName(t model.Target) string {
	var parts []string
	if t.Kraljic != "" {
		parts = append(parts, in.t("target.kraljic", in.kraljicName(t.Kraljic)))
	}
	if t.Pref != "" {
		parts = append(parts, in.t("target.pref", in.prefName(t.Pref)))
	}
	if t.By != "" {
		parts = append(parts, in.t("target.by", t.By))
	}
	return strings.Join(parts, ", ")
}

func (in Input) targetText(a model.Assessment) TargetText {
	t, ok := in.Dataset.TargetOf(a.Customer.ID)
	if !ok || !t.Set() {
		return TargetText{Line: in.t("target.none")}
	}
	ws := in.Dataset.Workshop
	g := model.GapOf(a, t, ws.Thresholds, in.Today)
	out := TargetText{Line: in.t("target.line", in.targetName(t)), Set: true, Note: t.Note}
	switch {
	case g.Met:
		out.Status = in.t("target.met")
	case g.Overdue:
		out.Status = in.t("target.overdue")
	}
	for _, d := range g.Dimensions {
		name := in.Content.Dimensions[d.Dimension].Name
		switch {
		case !d.Placed:
			out.Gap = append(out.Gap, in.t("gap.unplaced", name))
		case d.High:
			out.Gap = append(out.Gap, in.t("gap.up", name, Number(in.Lang, d.Value, 1), Number(in.Lang, d.Cutoff, 1), Number(in.Lang, d.Change, 1)))
		default:
			out.Gap = append(out.Gap, in.t("gap.down", name, Number(in.Lang, d.Value, 1), Number(in.Lang, d.Cutoff, 1), Number(in.Lang, -d.Change, 1)))
		}
	}
	for _, act := range model.SortByDue(model.GapActions(in.Dataset.Actions, a.Customer.ID, t)) {
		out.Actions = append(out.Actions, in.actionLine(act, true))
	}
	for _, st := range model.TargetProgress(in.Dataset.Rounds, a, t, ws.Thresholds) {
		place := in.kraljicName(st.Kraljic) + " × " + in.prefName(st.Pref)
		dist := Number(in.Lang, st.Distance, 1)
		if st.Met {
			dist = in.t("progress.met")
		}
		if st.Round == 0 {
			out.Progress = append(out.Progress, in.t("progress.now", place, dist))
			continue
		}
		out.Progress = append(out.Progress, in.t("progress.round", st.Round, st.ClosedAt.UTC().Format(time.DateOnly), place, dist))
	}
	if len(out.Progress) == 1 { // now only: no round to compare with
		out.Progress = nil
	}
	return out
}

func (in Input) checklist(a model.Assessment) []CheckLine {
	qs := in.Content.Questions()
	text := make(map[string]string, len(qs))
	for _, q := range qs {
		text[q.ID] = q.Text
	}
	var out []CheckLine
	for _, it := range model.Checklist(qs, in.Dataset.Answers[a.Customer.ID]) {
		l := CheckLine{Question: text[it.QuestionID], Done: it.Done}
		switch it.Reason {
		case model.CheckDontKnow:
			l.Note = in.t("check.dontknow")
		case model.CheckEstimate:
			l.Note = in.t("check.estimate")
		case model.CheckNoEvidence:
			l.Note = in.t("brief.noevidence")
		case model.CheckConfirmed:
			when := ""
			if !it.At.IsZero() {
				when = it.At.UTC().Format(time.DateOnly)
			}
			l.Note = strings.TrimSuffix(in.t("check.confirmed", orDash(it.By), when), ", ")
		}
		out = append(out, l)
	}
	return out
}

// answerSource says where an answer comes from, and answerConfirmed who
// confirmed it and when, for the list of every answer; "" when there is
// nothing to say.
func (in Input) answerSource(a model.Answer) string {
	if !a.Source.Valid() {
		return ""
	}
	s := in.t("source." + string(a.Source))
	if a.SourceRef != "" {
		s += " (" + a.SourceRef + ")"
	}
	return s
}

func (in Input) answerConfirmed(a model.Answer) string {
	if !a.Confirmed() {
		return ""
	}
	when := ""
	if !a.ConfirmedAt.IsZero() {
		when = a.ConfirmedAt.UTC().Format(time.DateOnly)
	}
	return "✓ " + strings.TrimSuffix(in.t("check.confirmed", orDash(a.ConfirmedBy), when), ", ")
}

// The Markdown sections.

func writeTargetSection(b *strings.Builder, in Input, p Planning) {
	t := p.Target
	fmt.Fprintf(b, "## %s\n\n%s", in.t("brief.target"), mdEscape(t.Line))
	if t.Status != "" {
		fmt.Fprintf(b, " %s", t.Status)
	}
	b.WriteString("\n\n")
	if !t.Set {
		return
	}
	if t.Note != "" {
		fmt.Fprintf(b, "> %s\n\n", strings.ReplaceAll(mdEscape(t.Note), "\n", "\n> "))
	}
	if len(t.Gap) > 0 {
		fmt.Fprintf(b, "%s\n\n", in.t("target.change"))
		for _, g := range t.Gap {
			fmt.Fprintf(b, "- %s\n", g)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "**%s**\n\n", in.t("target.actions"))
	if len(t.Actions) == 0 {
		fmt.Fprintf(b, "%s\n\n", in.t("target.noactions"))
	} else {
		for _, a := range t.Actions {
			fmt.Fprintf(b, "- %s\n", mdEscape(a))
		}
		b.WriteString("\n")
	}
	if len(t.Progress) > 0 {
		fmt.Fprintf(b, "**%s**\n\n", in.t("target.progress"))
		for _, s := range t.Progress {
			fmt.Fprintf(b, "- %s\n", s)
		}
		b.WriteString("\n")
	}
}

func writeWorksheetSection(b *strings.Builder, in Input, p Planning) {
	w := p.Worksheet
	fmt.Fprintf(b, "## %s\n\n", in.t("brief.worksheet"))
	for _, l := range w.Lines {
		text := mdEscape(l.Text)
		if l.Blank {
			text = "_" + l.Text + "_"
		}
		fmt.Fprintf(b, "- **%s:** %s\n", l.Label, text)
	}
	b.WriteString("\n")
	fmt.Fprintf(b, "**%s**\n\n", in.t("ws.alternatives"))
	if w.Alternatives != "" {
		fmt.Fprintf(b, "%s\n\n", strings.ReplaceAll(mdEscape(w.Alternatives), "\n", "  \n"))
	}
	if len(w.FromAnswers) == 0 {
		fmt.Fprintf(b, "%s\n\n", in.t("ws.noanswers"))
	} else {
		fmt.Fprintf(b, "%s:\n\n", in.t("ws.fromanswers"))
		for _, s := range w.FromAnswers {
			fmt.Fprintf(b, "- %s\n", mdEscape(s))
		}
		b.WriteString("\n")
	}
	// The room to move is in the negotiation section just above.
	fmt.Fprintf(b, "**%s:** %s\n\n", in.t("ws.tactics"), w.Tactics)
	if w.Notes != "" {
		fmt.Fprintf(b, "**%s:** %s\n\n", in.t("ws.notes"), strings.ReplaceAll(mdEscape(w.Notes), "\n", "  \n"))
	}
}

func writeCentreSection(b *strings.Builder, in Input, p Planning) {
	fmt.Fprintf(b, "## %s\n\n", in.t("brief.centre"))
	if len(p.Centre) > 0 {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|---|\n",
			in.t("col.name"), in.t("col.title"), in.t("col.role"), in.t("col.attitude"), in.t("col.level"), in.t("col.relowner"), in.t("col.lastcontact"))
		for _, r := range p.Centre {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(r.Name), mdEscape(r.Title), r.Role, r.Attitude, r.Level, mdEscape(r.Owner), mdEscape(r.LastContact))
		}
		b.WriteString("\n")
	}
	for _, w := range p.CentreWarnings {
		fmt.Fprintf(b, "- ⚠ %s\n", w)
	}
	if len(p.CentreWarnings) > 0 {
		b.WriteString("\n")
	}
}

func writeChecklistSection(b *strings.Builder, in Input, p Planning) {
	if len(p.Checklist) == 0 {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", in.t("brief.validate"))
	for _, c := range p.Checklist {
		box := "[ ]"
		if c.Done {
			box = "[x]"
		}
		fmt.Fprintf(b, "- %s %s (%s)\n", box, c.Question, mdEscape(c.Note))
	}
	b.WriteString("\n")
}

// validationColumns are the answer sheet's columns of an answer's
// source and confirmation (the exports mark confirmed answers).
func validationColumns(in Input) []column {
	return []column{
		{in.t("label.source"), colText},
		{in.t("export.sourceref"), colText},
		{in.t("export.confirmedby"), colText},
		{in.t("export.confirmedat"), colTime},
	}
}

// appendValidation appends an answer's values for validationColumns to
// row.
func appendValidation(row []any, in Input, a model.Answer) []any {
	var source, ref, by, at any
	if a.Source.Valid() {
		source = in.t("source." + string(a.Source))
	}
	if a.SourceRef != "" {
		ref = a.SourceRef
	}
	if a.ConfirmedBy != "" {
		by = a.ConfirmedBy
	}
	if !a.ConfirmedAt.IsZero() {
		at = a.ConfirmedAt.UTC()
	}
	return append(row, source, ref, by, at)
}

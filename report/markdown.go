package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/mapview"
)

// Input is what a report is made from.
type Input struct {
	Dataset model.Dataset
	Content *assets.Content
	Lang    string
	// Today marks open actions due before it as overdue; zero marks none.
	Today time.Time
	// assessed is the dataset scored, when a writer that reads it in
	// several places (the workbook's sheets) has scored it once.
	assessed []model.Assessment
}

// assess scores the dataset's customers, or gives what scored them.
func (in Input) assess() []model.Assessment {
	if in.assessed != nil {
		return in.assessed
	}
	return in.Dataset.Assess(in.Content.Questions())
}

// scoredOnce is in with its dataset scored, for a writer whose parts
// all read the scores.
func (in Input) scoredOnce() Input {
	in.assessed = in.Dataset.Assess(in.Content.Questions())
	return in
}

func (in Input) t(key string, args ...any) string { return in.Content.T(key, args...) }

// ranked scores and ranks the dataset's customers.
func (in Input) ranked() []model.Assessment {
	return model.Rank(in.assess())
}

// mdEscape keeps user text from being read as Markdown.
func mdEscape(s string) string { return mdEscaper.Replace(s) }

var mdEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "~", `\~`, "&", "&amp;")

// MapWidth and MapHeight are the size of the map in a Markdown report.
const (
	MapWidth  = 78
	MapHeight = 24
)

// WriteMarkdown writes the workshop report: the map, the ranked priority
// list, and each regime with its customers and activities.
func WriteMarkdown(w io.Writer, in Input) error {
	ws := in.Dataset.Workshop
	ranked := in.ranked()
	c := in.Content
	// Names carry the TUI's ! where the team's scores diverged.
	marked := mapview.MarkDiverged(ranked, diverged(in.Dataset))
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", in.t("report.title", mdEscape(ws.Name)))
	placed := 0
	for _, a := range ranked {
		if a.Placed() {
			placed++
		}
	}
	fmt.Fprintf(&b, "%s\n\n", in.t("report.meta", mdEscape(ws.Date), mdEscape(ws.OurCompany), Number(in.Lang, ws.Thresholds.Normalized().Risk, 1), len(ranked), placed))
	fmt.Fprintf(&b, "%s\n\n", BandSentence(c, in.Lang, ws.Thresholds))
	if basis := BasisSentences(c, in.Lang, in.Dataset); len(basis) > 0 {
		fmt.Fprintf(&b, "%s\n\n", mdEscape(strings.Join(basis, " ")))
	}

	plot := mapview.NewPlot(mapview.Power, ranked, ws.Thresholds, c)
	plot.Options.Width, plot.Options.Height = MapWidth, MapHeight
	m := mapview.Render(plot.Points, plot.Options)
	fmt.Fprintf(&b, "## %s\n\n```text\n%s\n", in.t("report.map"), m.String())
	for _, e := range m.Legend {
		name := ranked[plot.Placed[e.Index]].Customer.Name
		if plot.Options.OnLine[e.Index] {
			name += " " + mapview.OnLineMarker
		}
		fmt.Fprintf(&b, "%s  %s\n", e.Shown(), name)
	}
	b.WriteString("```\n\n")
	if slices.Contains(plot.Options.OnLine, true) {
		fmt.Fprintf(&b, "%s\n\n", mapview.LegendOnLine(c))
	}
	if marked {
		fmt.Fprintf(&b, "%s\n\n", mapview.LegendDiverged(c))
	}

	fmt.Fprintf(&b, "## %s\n\n", in.t("report.priorities"))
	fmt.Fprintf(&b, "| # | %s | %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|---|---|---|\n",
		in.t("col.customer"), in.t("col.priority"), in.t("col.regime"), in.t("col.kraljic"), in.t("col.preferencing"), in.t("col.room"), in.t("col.revenue"), in.t("col.online"))
	for i, a := range ranked {
		l := LabelsOf(c, in.Lang, a)
		online := l.OnLine
		if online == "" {
			online = "–"
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", i+1, mdEscape(a.Customer.Name), l.Priority, l.Regime, l.Kraljic, l.Preferencing, l.Room, mdEscape(Revenue(in.Lang, a.Customer)), online)
	}
	b.WriteString("\n")
	if marked {
		fmt.Fprintf(&b, "%s\n\n", mapview.LegendDiverged(c))
	}
	writeStability(&b, in)
	writeMovements(&b, in, ranked)
	writePortfolio(&b, in)

	for _, r := range []model.Regime{model.Interdependence, model.BuyerDominance, model.SupplierDominance, model.Independence} {
		rt := c.Regimes[r]
		var names []string
		for _, a := range ranked {
			if a.Regime == r {
				mark := ""
				if len(a.OnLine) > 0 {
					mark = " " + mapview.OnLineMarker
				}
				names = append(names, fmt.Sprintf("%s (%s)%s", mdEscape(a.Customer.Name), a.Priority, mark))
			}
		}
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", rt.Name, rt.Description)
		if len(names) == 0 {
			fmt.Fprintf(&b, "%s\n\n", in.t("report.regime.none"))
		} else {
			fmt.Fprintf(&b, "**%s:** %s\n\n", in.t("report.customers"), strings.Join(names, ", "))
		}
		writeAdvice(&b, in, rt.Advice)
		fmt.Fprintf(&b, "**%s:** %s\n\n**%s:** %s\n\n", in.t("label.message"), rt.Message, in.t("label.negotiation"), rt.Negotiation)
	}

	writeActionPlan(&b, in, "")

	var unplaced []string
	for _, a := range ranked {
		if !a.Placed() {
			unplaced = append(unplaced, mdEscape(a.Customer.Name))
		}
	}
	if len(unplaced) > 0 {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", in.t("report.unplaced"), strings.Join(unplaced, ", "))
	}
	return writeText(w, strings.TrimRight(b.String(), "\n")+"\n")
}

func writeAdvice(b *strings.Builder, in Input, a assets.Advice) {
	for _, part := range []struct {
		key   string
		items []string
	}{{"label.develop", a.Develop}, {"label.stop", a.Stop}, {"label.start", a.Start}} {
		fmt.Fprintf(b, "**%s**\n\n", in.t(part.key))
		for _, it := range part.items {
			fmt.Fprintf(b, "- %s\n", it)
			if step := a.FirstStep(it); step != "" {
				fmt.Fprintf(b, "  %s: %s\n", in.t("label.firststep"), step)
			}
		}
		b.WriteString("\n")
	}
}

// writeStability lists the workshop's customers least stable first, with
// the smallest change that moves each: where the room should spend its
// discussion time.
func writeStability(b *strings.Builder, in Input) {
	qs := in.Content.Questions()
	list := unstable(in.Dataset, qs)
	fmt.Fprintf(b, "## %s\n\n", in.t("report.stability"))
	if len(list) == 0 {
		fmt.Fprintf(b, "%s\n\n", in.t("report.stability.none"))
		return
	}
	fmt.Fprintf(b, "%s\n\n", in.t("report.stability.intro", Number(in.Lang, model.StabilityDraws, 0)))
	fmt.Fprintf(b, "| # | %s | %s | %s |\n|---|---|---|---|\n", in.t("col.customer"), in.t("col.stability"), in.t("col.smallest"))
	for i, u := range list {
		move := in.t("change.none")
		if u.Smallest != nil {
			move = ChangeSentence(in.Content, in.Lang, qs, *u.Smallest)
		}
		fmt.Fprintf(b, "| %d | %s | %s | %s |\n", i+1, mdEscape(u.Assessment.Customer.Name), Percent(in.Lang, u.Stability.Share), move)
	}
	b.WriteString("\n")
}

// WriteBrief writes the one-page brief of one customer for a negotiation.
func WriteBrief(w io.Writer, in Input, customerID string) error {
	c := in.Content
	questions := c.Questions()
	var a model.Assessment
	found := false
	for _, x := range in.Dataset.Assess(questions) {
		if x.Customer.ID == customerID {
			a, found = x, true
		}
	}
	if !found {
		return fmt.Errorf("customer %s: %w", customerID, ErrNoCustomer)
	}
	ws := in.Dataset.Workshop
	cu := a.Customer
	l := LabelsOf(c, in.Lang, a)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", in.t("brief.title", mdEscape(cu.Name)))
	var meta []string
	if cu.Offering != "" {
		meta = append(meta, in.t("brief.offering", mdEscape(cu.Offering)))
	}
	if r := Revenue(in.Lang, cu); r != "" {
		meta = append(meta, in.t("brief.revenue", mdEscape(r)))
	}
	meta = append(meta, in.t("brief.workshop", mdEscape(ws.Name), mdEscape(ws.Date)))
	fmt.Fprintf(&b, "%s\n\n", strings.Join(meta, " · "))
	if cu.Notes != "" {
		fmt.Fprintf(&b, "> %s\n\n", strings.ReplaceAll(mdEscape(cu.Notes), "\n", "\n> "))
	}

	fmt.Fprintf(&b, "## %s\n\n", in.t("brief.scores"))
	fmt.Fprintf(&b, "| %s | %s | %s |\n|---|---|---|\n", in.t("col.dimension"), in.t("col.score"), in.t("col.coverage"))
	for _, d := range model.Dimensions {
		s := a.Scores[d]
		score := in.t("brief.notplaced")
		if s.Placed {
			score = fmt.Sprintf("`%s` %s", Bar(s.Value, 10), Number(in.Lang, s.Value, 1))
		}
		cov := in.t("brief.coverage", s.Known, s.Questions)
		if s.DontKnows > 0 {
			cov += " " + in.t("brief.dontknows", s.DontKnows)
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", c.Dimensions[d].Name, score, cov)
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "## %s\n\n", in.t("brief.position"))
	line := func(label, name, desc string) {
		if desc != "" {
			fmt.Fprintf(&b, "- **%s:** %s. %s\n", label, name, desc)
		} else {
			fmt.Fprintf(&b, "- **%s:** %s\n", label, name)
		}
	}
	line(in.t("col.kraljic"), l.Kraljic, c.Kraljic[a.Kraljic].Description)
	line(in.t("col.preferencing"), l.Preferencing, c.Preferencing[a.Pref].Description)
	line(in.t("col.regime"), l.Regime, c.Regimes[a.Regime].Description)
	cell, hasCell := a.Cell()
	if hasCell {
		line(in.t("col.priority"), l.Priority, c.Cells[cell.Key()].Description)
	} else {
		line(in.t("col.priority"), l.Priority, "")
	}
	for _, s := range LineSentences(c, in.Lang, a) {
		fmt.Fprintf(&b, "- %s %s\n", mapview.OnLineMarker, s)
	}
	if qs := diverged(in.Dataset)[cu.ID]; len(qs) > 0 {
		fmt.Fprintf(&b, "- %s %s\n", mapview.DivergedMarker, in.t("report.diverged", QuestionRefs(c, qs)))
	}
	b.WriteString("\n")

	writeSensitivity(&b, in, a)
	plan := PlanningOf(in, a)
	writeTargetSection(&b, in, plan)

	fmt.Fprintf(&b, "## %s\n\n", in.t("brief.negotiation"))
	if a.Room.Placed {
		fmt.Fprintf(&b, "%s\n\n", in.t("brief.room", l.Room, l.Stance, c.Stances[a.Room.Stance].Description))
	} else {
		fmt.Fprintf(&b, "%s\n\n", in.t("brief.room.none"))
	}
	switch {
	case hasCell:
		fmt.Fprintf(&b, "%s\n\n", c.Cells[cell.Key()].Negotiation)
	case a.Regime != "":
		fmt.Fprintf(&b, "%s\n\n", c.Regimes[a.Regime].Negotiation)
	}
	writeWorksheetSection(&b, in, plan)

	if len(a.Warnings) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", in.t("brief.warnings"))
		for _, wk := range a.Warnings {
			text := c.Warnings[wk]
			if wk == model.WarnLowCoverage && len(a.LowCoverage) > 0 {
				text += " " + in.t("brief.lowcoverage", dimensionNames(c, a.LowCoverage))
			}
			fmt.Fprintf(&b, "- ⚠ %s\n", text)
		}
		b.WriteString("\n")
	}

	writeCentreSection(&b, in, plan)
	writeChecklistSection(&b, in, plan)

	writeSinceRound(&b, in, a)
	writeActionPlan(&b, in, cu.ID)

	if hasCell {
		fmt.Fprintf(&b, "## %s\n\n", in.t("brief.activities"))
		writeAdvice(&b, in, c.Cells[cell.Key()].Advice)
		fmt.Fprintf(&b, "**%s:** %s\n\n", in.t("label.message"), c.Cells[cell.Key()].Message)
	}

	fmt.Fprintf(&b, "## %s\n\n", in.t("brief.answers"))
	answers := in.Dataset.Answers[cu.ID]
	for _, set := range c.QuestionSets() {
		fmt.Fprintf(&b, "### %s\n\n", set.Title)
		for _, q := range set.Questions {
			ans, ok := answers[q.ID]
			switch {
			case !ok:
				fmt.Fprintf(&b, "- %s  \n  _%s_\n", q.Text, in.t("brief.unanswered"))
			case !ans.Score.Known():
				fmt.Fprintf(&b, "- %s  \n  **%s**", q.Text, in.t("answer.dontknow"))
			default:
				fmt.Fprintf(&b, "- %s  \n  **%d** – %s", q.Text, ans.Score, q.Anchors[ans.Score-1])
			}
			if ok {
				if ans.Note != "" {
					fmt.Fprintf(&b, "  \n  %s: %s", in.t("label.evidence"), strings.ReplaceAll(mdEscape(ans.Note), "\n", " "))
				}
				if src := in.answerSource(ans); src != "" {
					fmt.Fprintf(&b, "  \n  %s: %s", in.t("label.source"), mdEscape(src))
				}
				if ok := in.answerConfirmed(ans); ok != "" {
					fmt.Fprintf(&b, "  \n  %s", mdEscape(ok))
				}
				b.WriteString("\n")
			}
		}
		b.WriteString("\n")
	}
	if hist := historyOf(c, questions, answers); len(hist) > 0 {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", in.t("brief.history"), in.t("brief.history.intro"))
		for _, h := range hist {
			score := in.t("answer.dontknow")
			if h.Answer.Score.Known() {
				score = fmt.Sprint(int(h.Answer.Score))
			}
			fmt.Fprintf(&b, "- %s  \n  **%s**", mdEscape(h.Text), score)
			if len(h.Replaced) > 0 {
				fmt.Fprintf(&b, " · %s", in.t("brief.history.replaced", strings.Join(h.Replaced, " / ")))
			}
			if h.Answer.Note != "" {
				fmt.Fprintf(&b, "  \n  %s: %s", in.t("label.evidence"), strings.ReplaceAll(mdEscape(h.Answer.Note), "\n", " "))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	return writeText(w, strings.TrimRight(b.String(), "\n")+"\n")
}

// writeSensitivity says how firmly the customer sits in its cell: its
// stability over random weights and the smallest changes that move it.
func writeSensitivity(b *strings.Builder, in Input, a model.Assessment) {
	ws := in.Dataset.Workshop
	qs := in.Content.Questions()
	answers := in.Dataset.Answers[a.Customer.ID]
	st, ok := model.CustomerStability(ws.Thresholds, qs, a.Customer, answers)
	if !ok {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", in.t("brief.sensitivity"))
	fmt.Fprintf(b, "%s\n\n", in.t("brief.stability", Percent(in.Lang, st.Share), Number(in.Lang, float64(st.Draws), 0)))
	changes := model.Sensitivity(ws.Thresholds, qs, answers)
	if len(changes) == 0 {
		fmt.Fprintf(b, "%s\n\n", in.t("change.none"))
		return
	}
	// The smallest of each kind: one answer, one weight, one cut-off.
	seen := map[model.ChangeKind]bool{}
	for _, ch := range changes {
		if seen[ch.Kind] {
			continue
		}
		seen[ch.Kind] = true
		fmt.Fprintf(b, "- %s\n", ChangeSentence(in.Content, in.Lang, qs, ch))
	}
	b.WriteString("\n")
}

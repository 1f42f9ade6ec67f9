package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteHandout writes the question sets as a printable Markdown handout
// for participants to prepare before the workshop: per set its intro, per
// question its help and its five anchored answers plus "Don't know" as
// boxes to tick, and a line for the evidence. customer, when not empty,
// is filled in as the customer the handout is about.
func WriteHandout(w io.Writer, in Input, customer string) error {
	ws := in.Dataset.Workshop
	var b strings.Builder
	if ws.Name != "" {
		fmt.Fprintf(&b, "# %s\n\n", in.t("handout.title.workshop", mdEscape(ws.Name)))
		var meta []string
		if ws.Date != "" {
			meta = append(meta, in.t("handout.date", mdEscape(ws.Date)))
		}
		if ws.OurCompany != "" {
			meta = append(meta, in.t("handout.company", mdEscape(ws.OurCompany)))
		}
		if len(meta) > 0 {
			fmt.Fprintf(&b, "%s\n\n", strings.Join(meta, " · "))
		}
	} else {
		fmt.Fprintf(&b, "# %s\n\n", in.t("handout.title"))
	}
	fmt.Fprintf(&b, "%s\n\n", in.t("handout.intro"))
	// A run of underscores after text is literal in Markdown and reads as
	// a line to write on in the raw text too.
	line := strings.Repeat("_", 30)
	name := line
	if customer != "" {
		name = "**" + mdEscape(customer) + "**"
	}
	fmt.Fprintf(&b, "%s %s  \n%s %s\n\n", in.t("handout.customer"), name, in.t("handout.participant"), line)
	n := 0
	for i, set := range in.Content.QuestionSets() {
		letter := string(rune('A' + i))
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", in.t("handout.set", letter, set.Title), set.Intro)
		for _, q := range set.Questions {
			n++
			fmt.Fprintf(&b, "### %d. %s\n\n", n, q.Text)
			if q.Help != "" {
				fmt.Fprintf(&b, "*%s*\n\n", q.Help)
			}
			for level, anchor := range q.Anchors {
				fmt.Fprintf(&b, "- [ ] **%d** %s\n", level+1, anchor)
			}
			fmt.Fprintf(&b, "- [ ] %s\n\n", in.t("answer.dontknow"))
			fmt.Fprintf(&b, "%s: %s\n\n", in.t("label.evidence"), strings.Repeat("_", 50))
		}
	}
	return writeText(w, strings.TrimRight(b.String(), "\n")+"\n")
}

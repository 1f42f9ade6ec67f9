package report

import (
	"fmt"
	"slices"
	"strings"

	"styrka/assets"
	"styrka/model"
)

// The marks every export shares with the TUI: ◐ on the line
// (mapview.OnLineMarker) and ! where the team's scores diverged on a
// question with no agreed score yet (mapview.DivergedMarker).

// diverged gives, per customer ID, the questions the team's scores
// diverged on with no agreed score yet, as the TUI's ! marks them.
func diverged(ds model.Dataset) map[string][]string {
	return model.Divergence(ds.SilentRounds, ds.Votes)
}

// QuestionRefs names questions as the TUI does, "A 3/10, B 2/9", or by
// ID where the content no longer has the question.
func QuestionRefs(c *assets.Content, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for _, set := range c.QuestionSets() {
			if n := slices.IndexFunc(set.Questions, func(q model.Question) bool { return q.ID == id }); n >= 0 {
				out[i] = fmt.Sprintf("%s %d/%d", c.T("tui.q.letter."+string(set.ID)), n+1, len(set.Questions))
			}
		}
	}
	return strings.Join(out, ", ")
}

package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/ui/mapview"
)

// The map's ways to the targets: from each customer's position now to
// where its target position lies in the view (model.GapOf: each
// dimension the target wants on the other side of its cut-off, moved just
// past it), drawn as dots ending in mapview.TargetMarker.

// targetsKey shows or hides the ways to the targets.
func (s *mapScreen) targetsKey() key.Binding {
	return key.NewBinding(key.WithKeys("T"), key.WithHelp("T", s.c.T("key.maptargets")))
}

// toggleTargets shows or hides the ways to the targets.
func (s *mapScreen) toggleTargets() tea.Cmd {
	d := s.ws.Data()
	if d == nil || len(d.Targets) == 0 {
		s.targets = false
		return status(s.c.T("tui.map.targets.none"))
	}
	s.targets = !s.targets
	if !s.targets {
		return status(s.c.T("tui.map.targets.off"))
	}
	return status(s.c.T("tui.map.targets.on", len(s.targetsFor())))
}

// targetsFor are the ways of the customers placed in this view whose
// target is not met in it.
func (s *mapScreen) targetsFor() []mapview.Trail {
	d := s.ws.Data()
	if d == nil {
		return nil
	}
	xd, yd := s.view.Axes()
	var out []mapview.Trail
	for i, ai := range s.plot.Placed {
		a := s.ranked[ai]
		t, ok := d.TargetOf(a.Customer.ID)
		if !ok || !t.Set() {
			continue
		}
		from := s.plot.Points[i]
		to := from
		for _, g := range model.GapOf(a, t, d.Workshop.Thresholds, time.Time{}).Dimensions {
			if !g.Placed {
				continue
			}
			switch g.Dimension {
			case xd:
				to.X = pastCut(g)
			case yd:
				to.Y = pastCut(g)
			}
		}
		if to.X != from.X || to.Y != from.Y {
			out = append(out, mapview.Trail{From: from, To: to})
		}
	}
	return out
}

// pastCut is where a dimension's score would have to be for its target:
// half a step past the cut-off, on the side the target wants.
func pastCut(g model.DimensionGap) float64 {
	if g.High {
		return min(g.Cutoff+0.5, float64(model.Levels))
	}
	return max(g.Cutoff-0.5, 1)
}

// targetNote is added to the map's heading while the ways show.
func (s *mapScreen) targetNote() string {
	if !s.targets {
		return ""
	}
	return " · " + s.c.T("tui.map.targets")
}

package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/report"
	"styrka/ui/mapview"
	"styrka/ui/tui/workbench"
)

// Rounds in the terminal UI: closing the current state as a round, and
// the map's trails from the last round's positions.

// newCloseRound asks before the open workshop's current state becomes a
// closed round, and says what that means.
func newCloseRound(c *Common, ws *Workshop) tea.Cmd {
	d := ws.Data()
	n := model.NextRoundNumber(d.Rounds)
	text := c.T("tui.round.close", d.Workshop.Name, n, len(d.Customers), n+1)
	db, wid, qs := ws.Store(), d.Workshop.ID, c.Questions()
	return ws.Confirm(text, func() tea.Msg {
		ds, err := db.Load(wid)
		if err != nil {
			return workbench.Fail(err)
		}
		r, err := db.AddRound(model.Snapshot(ds, qs, time.Now().UTC()))
		if err != nil {
			return workbench.Fail(err)
		}
		ds, err = db.Load(wid)
		if err != nil {
			return workbench.Fail(err)
		}
		return workbench.DatasetMsg{Data: ds, Status: c.T("tui.round.closed", r.Number, r.Number+1)}
	})
}

// lastRound is the open workshop's last closed round.
func lastRound(ws *Workshop) (model.Round, bool) {
	if ws.Data() == nil {
		return model.Round{}, false
	}
	return model.LastRound(ws.Data().Rounds)
}

// toggleTrails shows or hides the way each customer came since the last
// round; without a round there is nothing to show.
func (s *mapScreen) toggleTrails() tea.Cmd {
	last, ok := lastRound(s.ws)
	if !ok {
		s.trails = false
		return status(s.c.T("tui.map.trails.none"))
	}
	s.trails = !s.trails
	if !s.trails {
		return status(s.c.T("tui.map.trails.off"))
	}
	return status(s.c.T("tui.map.trails.on", last.Number, len(s.trailsFor())))
}

// trailsFor are the trails of the customers placed now that had another
// place in this view at the last round.
func (s *mapScreen) trailsFor() []mapview.Trail {
	last, ok := lastRound(s.ws)
	if !ok {
		return nil
	}
	xd, yd := s.view.Axes()
	var out []mapview.Trail
	for i, ai := range s.plot.Placed {
		e, ok := last.Entry(s.ranked[ai].Customer.ID)
		if !ok {
			continue
		}
		x, y := e.Scores[xd], e.Scores[yd]
		to := s.plot.Points[i]
		if !x.Placed || !y.Placed || (x.Value == to.X && y.Value == to.Y) {
			continue
		}
		out = append(out, mapview.Trail{From: mapview.Point{X: x.Value, Y: y.Value}, To: to})
	}
	return out
}

// trailNote is added to the map's heading while trails show.
func (s *mapScreen) trailNote() string {
	last, ok := lastRound(s.ws)
	if !s.trails || !ok {
		return ""
	}
	return " · " + s.c.T("tui.map.trails", last.Number)
}

// trailText says, while trails show, where a customer was at the last
// round in this view: its segment then, or that it was not placed.
func (s *mapScreen) trailText(a model.Assessment) string {
	last, ok := lastRound(s.ws)
	if !s.trails || !ok {
		return ""
	}
	e, ok := last.Entry(a.Customer.ID)
	if !ok {
		return s.c.T("tui.map.trail.new", last.Number)
	}
	xd, yd := s.view.Axes()
	x, y := e.Scores[xd], e.Scores[yd]
	if !x.Placed || !y.Placed {
		return s.c.T("tui.map.trail.unplaced", last.Number)
	}
	if x.Value == a.Scores[xd].Value && y.Value == a.Scores[yd].Value {
		return s.c.T("tui.map.trail.same", last.Number)
	}
	var where string
	switch s.view {
	case mapview.Kraljic:
		where = s.c.Content.Kraljic[e.Kraljic].Name
	case mapview.Preferencing:
		where = s.c.Content.Preferencing[e.Pref].Name
	default:
		where = s.c.Content.Regimes[e.Regime].Name
	}
	return s.c.T("tui.map.trail.was", last.Number, where, report.Number(s.c.Lang, x.Value, 1), report.Number(s.c.Lang, y.Value, 1))
}

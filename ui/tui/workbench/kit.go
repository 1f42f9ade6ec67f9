// Package workbench is what every screen of the terminal UI works with:
// the kit every screen shares (texts, looks, keys, language: Common), the
// workshop that is open, which the root owns and only the root changes
// (Workshop), the results of the store's commands that the root handles,
// and the screens every part of the UI builds on (a form, a notice).
//
// The root (ui/tui) wires the parts together: it builds the kit and the
// open workshop, hands them to the screens, and applies every result of a
// store write to the open workshop.
package workbench

import (
	"fmt"

	"charm.land/huh/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/keys"
	"styrka/ui/styles"
)

// Common is what every screen needs: the content with its texts, the
// look, the keys and the language. Screens hold a pointer to it; the root
// changes the look when the terminal tells its background.
type Common struct {
	Content *assets.Content
	Lang    string
	Styles  *styles.Styles
	Theme   styles.Theme
	Keys    keys.KeyMap
	// huh and huhKey are the forms' styles and the look they were built
	// for.
	huh    *huh.Styles
	huhKey string
}

// T translates a UI text.
func (c *Common) T(key string, args ...any) string { return c.Content.T(key, args...) }

// CurrentStyles is the look in use, for components that ask at every
// draw.
func (c *Common) CurrentStyles() *styles.Styles { return c.Styles }

// Questions lists the questions of both sets.
func (c *Common) Questions() []model.Question { return c.Content.Questions() }

// QuestionByID finds a question of the content.
func (c *Common) QuestionByID(id string) (model.Question, bool) {
	for _, q := range c.Questions() {
		if q.ID == id {
			return q, true
		}
	}
	return model.Question{}, false
}

// HuhTheme is the forms' theme: it follows the UI's look. The styles are
// built once per look: huh asks for them at every draw of every option,
// and building them is most of a form's drawing time.
func (c *Common) HuhTheme() huh.Theme {
	st := c.huhStyles()
	return huh.ThemeFunc(func(bool) *huh.Styles { return st })
}

// huhStyles are the forms' styles for the look in use, built the first
// time they are asked for.
func (c *Common) huhStyles() *huh.Styles {
	key := string(c.Styles.Theme) + fmt.Sprint(c.Styles.IsDark)
	if c.huh != nil && c.huhKey == key {
		return c.huh
	}
	if c.Styles.Theme == styles.HighContrast {
		c.huh = huh.ThemeBase16(c.Styles.IsDark)
	} else {
		c.huh = huh.ThemeCharm(c.Styles.IsDark)
	}
	c.huhKey = key
	return c.huh
}

package tui

import (
	"context"
	"io"
)

// Screens still to be written; each is replaced by its own file.

type questionMode int

const (
	modeBoth questionMode = iota
	modeSetA
	modeSetB
	modeQuick
)

func newQuestions(c *Common, customerID string, mode questionMode) Screen {
	return newStub(c, "questions")
}
func newBrief(c *Common, customerID string) Screen { return newStub(c, "brief") }
func newMapScreen(c *Common) Screen                { return newStub(c, "map") }

// RunAccessible runs the question sets as plain line prompts.
func RunAccessible(ctx context.Context, o Options, in io.Reader, out io.Writer) error { return nil }

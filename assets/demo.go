package assets

import (
	_ "embed"
	"fmt"

	"go.yaml.in/yaml/v3"
)

//go:embed demo.yaml
var demoYAML []byte

// Text is a text in both built-in languages.
type Text struct {
	SV string `yaml:"sv"`
	EN string `yaml:"en"`
}

// In returns the text in lang, English when lang is not Swedish.
func (t Text) In(lang string) string {
	if lang == "sv" {
		return t.SV
	}
	return t.EN
}

// DemoAnswer is one answer of a demo customer; Score 0 is "don't know".
type DemoAnswer struct {
	Question string `yaml:"q"`
	Score    int    `yaml:"score"`
	Note     Text   `yaml:"note"`
}

// DemoCustomer is one fictional customer of the demo workshop.
type DemoCustomer struct {
	Name     string       `yaml:"name"`
	Offering Text         `yaml:"offering"`
	Revenue  float64      `yaml:"revenue"`
	Currency string       `yaml:"currency"`
	Notes    Text         `yaml:"notes"`
	Tags     []string     `yaml:"tags"`
	Answers  []DemoAnswer `yaml:"answers"`
}

// DemoWorkshop is the demo workshop itself.
type DemoWorkshop struct {
	Name       string `yaml:"name"`
	Date       string `yaml:"date"`
	OurCompany string `yaml:"our_company"`
	Author     string `yaml:"author"`
}

// Demo is the demo workshop's content.
type Demo struct {
	Workshop  DemoWorkshop   `yaml:"workshop"`
	Customers []DemoCustomer `yaml:"customers"`
}

// LoadDemo gives the embedded demo workshop, a new value on every call. It
// is precompiled from demo.yaml like the built-in content (see Builtin):
// every command on the demo workshop reads it to show the demo in the
// language in use.
func LoadDemo() (*Demo, error) {
	if d := builtinDemo(); d != nil {
		return d, nil
	}
	var d Demo
	if err := yaml.Unmarshal(demoYAML, &d); err != nil {
		return nil, fmt.Errorf("demo.yaml: %w", err)
	}
	return &d, nil
}

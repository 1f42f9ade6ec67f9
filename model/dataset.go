package model

// Dataset is one workshop with everything recorded in it: its customers
// and their answers. It is what the store loads and saves as a whole, and
// what exports carry.
type Dataset struct {
	Workshop  Workshop
	Customers []Customer
	// Answers maps a customer ID to that customer's answers keyed by
	// question ID.
	Answers map[string]map[string]Answer
}

// Assess scores every customer of the dataset against the questions.
func (d Dataset) Assess(questions []Question) []Assessment {
	return AssessAll(d.Workshop.Thresholds, questions, d.Customers, d.Answers)
}

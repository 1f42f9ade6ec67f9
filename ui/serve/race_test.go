//go:build race

package serve

// raceDetector is true when the tests run with -race, which makes the
// load test's thirty terminals several times slower.
const raceDetector = true

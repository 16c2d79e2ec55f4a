//go:build race

package team

// raceDetector is on: the long property runs belong to the plain pass of make test.
const raceDetector = true

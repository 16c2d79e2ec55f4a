//go:build race

package imap

func raceOn() bool { return true }

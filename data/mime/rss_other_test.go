//go:build !linux

package mime_test

import "os"

const maxRSSSupported = false

func maxRSS(*os.ProcessState) int64 { return 0 }

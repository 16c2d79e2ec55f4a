package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// AttachConsole gives a headless command of the GUI-subsystem loge.exe the console it was started
// from. Windows gives a GUI program no console: without this, `loge.exe stats` typed at a prompt
// would print nothing. Attaching also lets Ctrl+C in that console stop the command, as it does when
// loge.com (app/console) started it. Standard handles the parent already handed over (a redirect to a
// file, a pipe, loge.com's own console) are kept; only the ones missing at start are opened on the
// console. Without a parent console (started from Explorer) it does nothing.
func AttachConsole() {
	// Which handles the parent handed over, read before attaching: afterwards GetStdHandle answers
	// with the console's own, and os.Stdout would stay on the null handle Go found at start.
	missing := func(std uint32) bool {
		h, err := windows.GetStdHandle(std)
		return err != nil || h == 0 || h == windows.InvalidHandle
	}
	in, out, errOut := missing(windows.STD_INPUT_HANDLE), missing(windows.STD_OUTPUT_HANDLE), missing(windows.STD_ERROR_HANDLE)
	// x/sys/windows has no AttachConsole; ATTACH_PARENT_PROCESS is (DWORD)-1.
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(uintptr(^uint32(0))); ok == 0 {
		return // no parent console, or this process has one already (a console build)
	}
	reopen := func(f **os.File, need bool, name string) {
		if !need {
			return
		}
		if c, err := os.OpenFile(name, os.O_RDWR, 0); err == nil {
			*f = c
		}
	}
	reopen(&os.Stdin, in, "CONIN$")
	reopen(&os.Stdout, out, "CONOUT$")
	reopen(&os.Stderr, errOut, "CONOUT$")
}

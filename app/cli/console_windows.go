package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// AttachConsole gives a headless command of the GUI-subsystem loge.exe the console it was started
// from. Windows gives a GUI program no console: without this, `loge.exe stats` typed at a prompt
// would print nothing. Attaching also lets Ctrl+C in that console stop the command, as it does when
// loge.com (app/console) started it. Standard handles the parent already handed over (a redirect to a
// file, a pipe, loge.com's own console) are kept; only the missing ones are opened on the console.
// Without a parent console (started from Explorer) it does nothing.
func AttachConsole() {
	// x/sys/windows has no AttachConsole; ATTACH_PARENT_PROCESS is (DWORD)-1.
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(uintptr(^uint32(0))); ok == 0 {
		return // no parent console, or this process has one already (a console build)
	}
	reopen := func(f **os.File, std uint32, name string, mode int) {
		if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
			return
		}
		if c, err := os.OpenFile(name, mode, 0); err == nil {
			*f = c
		}
	}
	reopen(&os.Stdin, windows.STD_INPUT_HANDLE, "CONIN$", os.O_RDWR)
	reopen(&os.Stdout, windows.STD_OUTPUT_HANDLE, "CONOUT$", os.O_RDWR)
	reopen(&os.Stderr, windows.STD_ERROR_HANDLE, "CONOUT$", os.O_RDWR)
}

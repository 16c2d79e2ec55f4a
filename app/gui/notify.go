package gui

import (
	"strings"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
)

// Notifications of new guest mail while Loge is in the background (another window in front, or
// minimised): one per conversation, with the sender and the subject; none for the desk's own mail
// (a colleague's reply filed in the Inbox, a copy to self) nor while the person is looking at Loge.
// Settings › Notifications turns them off (setting notify.new_mail = "off").

const (
	settingNotify = "notify.new_mail"
	// A first sync of a mailbox that was read elsewhere can bring hundreds of unread mails at once:
	// beyond this many conversations, one notification says how many.
	maxThreadNotifications = 3
)

type notifier struct {
	u          *UI
	background bool  // the window is not the one the person is using
	seen       int64 // the newest message id already considered
	send       func(*fyne.Notification)
	sent       []*fyne.Notification // for tests
}

func newNotifier(u *UI) *notifier {
	// Off the UI goroutine, one at a time: on Windows Fyne runs a PowerShell script for each (its
	// temp script's name is a counter without a lock), on Linux a D-Bus call.
	queue := make(chan *fyne.Notification, 16)
	go func() {
		for x := range queue {
			u.app.SendNotification(x)
		}
	}()
	n := &notifier{u: u, send: func(x *fyne.Notification) {
		select {
		case queue <- x:
		default: // a burst beyond the queue: the first ones say it
		}
	}}
	_, n.seen, _ = u.st.NewInboxMail(u.ctx, 0, 0) // what is stored at start is not news
	lc := u.app.Lifecycle()
	lc.SetOnEnteredForeground(func() { n.background = false; n.catchUp() })
	lc.SetOnExitedForeground(func() { n.background = true })
	return n
}

func (n *notifier) enabled() bool {
	v, _ := n.u.st.Setting(n.u.ctx, settingNotify)
	return v != "off"
}

// catchUp moves the mark past what the person has now seen for themselves.
func (n *notifier) catchUp() {
	_, n.seen, _ = n.u.st.NewInboxMail(n.u.ctx, 0, 0)
}

// check runs after the mail workers stored something: new unread inbox mail from outside the desk
// becomes notifications, grouped by conversation, when Loge is in the background.
func (n *notifier) check() {
	if !n.background || !n.enabled() {
		n.catchUp()
		return
	}
	msgs, newest, err := n.u.st.NewInboxMail(n.u.ctx, n.seen, 500)
	if err != nil {
		return
	}
	n.seen = newest
	own := map[string]bool{}
	if accts, err := n.u.st.Accounts(n.u.ctx); err == nil {
		for _, a := range accts {
			own[strings.ToLower(a.Email)] = true
		}
	}
	var threads []string
	latest := map[string]desk.Message{}
	for _, m := range msgs {
		if own[strings.ToLower(m.FromAddr)] {
			continue
		}
		if _, ok := latest[m.ThreadID]; !ok {
			threads = append(threads, m.ThreadID)
		}
		latest[m.ThreadID] = m
	}
	if len(threads) > maxThreadNotifications {
		n.notify(fyne.NewNotification(i18n.T("notify.many_title", map[string]any{"N": len(threads)}), i18n.T("notify.many_body")))
		return
	}
	for _, th := range threads {
		m := latest[th]
		n.notify(fyne.NewNotification(desk.FirstNonEmpty(m.FromName, m.FromAddr), desk.FirstNonEmpty(m.Subject, i18n.T("notify.no_subject"))))
	}
}

func (n *notifier) notify(x *fyne.Notification) {
	x.Title, x.Content = notificationText(x.Title), notificationText(x.Content)
	n.sent = append(n.sent, x)
	n.send(x)
}

// notificationText is a guest's sender name or subject made safe for the notification: on Windows
// Fyne writes them into a PowerShell script between double quotes (Go's %q), where "$(…)" runs, a
// backtick escapes and a quote — straight or curly — ends the string, so a subject could run a
// command. Those characters become harmless look-alikes, everywhere, and the text one line.
func notificationText(s string) string {
	return strings.Join(strings.Fields(notificationUnsafe.Replace(s)), " ")
}

var notificationUnsafe = strings.NewReplacer("$", "＄", "`", "'", "\"", "'", "\u201c", "'", "\u201d", "'", "\u201e", "'",
	"\u201f", "'", "\\", "/")

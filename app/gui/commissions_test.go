package gui

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openCommissions shows the Commissions tab of the Requests workspace.
func openCommissions(t *testing.T, u *UI) *commissionsView {
	t.Helper()
	u.win.Resize(fyne.NewSize(1280, 800))
	u.Show(WorkspaceRequests)
	u.requests.tabs.SelectIndex(1)
	return u.requests.comm
}

// labelsOf are the texts of the labels under o, laid out.
func labelsOf(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return out
}

// A month's commissions per vendor are the sums of the requests behind them, the totals the sums
// of the vendors, and the month is the store's: every request of the month with a commission.
func TestCommissionsOfAMonthAddUpToTheRequestsBehind(t *testing.T) {
	u, st := newDemoUI(t, "en")
	c := openCommissions(t, u)
	if len(c.rows) == 0 {
		t.Fatal("the demo desk has commissions this month")
	}
	first := firstOfMonth(time.Now(), st.Loc)
	reqs, err := st.Requests(t.Context(), store.RequestFilter{FromDay: first.Format(time.DateOnly), ToDay: first.AddDate(0, 1, 0).Format(time.DateOnly)})
	if err != nil {
		t.Fatal(err)
	}
	var month [3]int64
	behind := 0
	for _, r := range reqs {
		if r.VendorID == "" || r.CommissionStatus == desk.CommissionNone {
			continue
		}
		behind++
		switch r.CommissionStatus {
		case desk.CommissionExpected:
			month[0] += r.CommissionCents
		case desk.CommissionSettled:
			month[1] += r.CommissionCents
		case desk.CommissionReversed:
			month[2] += r.CommissionCents
		}
	}
	var vendors [3]int64
	n := 0
	for _, vc := range c.rows {
		var sum [3]int64
		for _, r := range vc.Requests {
			i := slices.Index([]string{desk.CommissionExpected, desk.CommissionSettled, desk.CommissionReversed}, r.CommissionStatus)
			sum[i] += r.CommissionCents
			if r.VendorID != vc.VendorID || r.Currency != vc.Currency {
				t.Fatalf("%s under %s", r.Title, vc.VendorName)
			}
		}
		if sum != [3]int64{vc.Expected, vc.Settled, vc.Reversed} {
			t.Fatalf("%s: %v, its requests sum to %v", vc.VendorName, []int64{vc.Expected, vc.Settled, vc.Reversed}, sum)
		}
		for i := range 3 {
			vendors[i] += sum[i]
		}
		n += len(vc.Requests)
	}
	if vendors != month || n != behind {
		t.Fatalf("vendors sum to %v over %d requests, the month is %v over %d", vendors, n, month, behind)
	}
	// The totals line on screen says the same (the demo's money is all in euros).
	totals := strings.Join(labelsOf(c.totals), "|")
	for _, want := range []string{fmtMoney(month[0], "EUR"), fmtMoney(month[1], "EUR"), fmtMoney(month[2], "EUR")} {
		if !strings.Contains(totals, want) {
			t.Fatalf("totals %q lack %q", totals, want)
		}
	}
	// Selecting a vendor lists the requests behind its figures; a line opens its request.
	c.vendors.Select(0)
	if got := c.shownRequests(); len(got) != len(c.rows[0].Requests) || c.reqTitle.Text == i18n.T("commissions.pick_vendor") {
		t.Fatalf("selected vendor shows %d requests (%q)", len(got), c.reqTitle.Text)
	}
	// The month goes back and forth; a month without commissions says so.
	title := c.title.Text
	c.showMonth(c.month.AddDate(-5, 0, 0))
	if c.title.Text == title || len(c.rows) != 0 || !c.empty.Visible() || !c.settle.Disabled() {
		t.Fatalf("five years back: %q, %d rows, empty shown %v", c.title.Text, len(c.rows), c.empty.Visible())
	}
	c.showMonth(time.Now())
	if c.title.Text != title {
		t.Fatalf("back to %q, want %q", c.title.Text, title)
	}
	var b bytes.Buffer
	if err := c.csv()(&b); err != nil || !strings.HasPrefix(b.String(), "\ufeffVendor,Currency,") {
		t.Fatalf("CSV %q %v", b.String()[:min(b.Len(), 60)], err)
	}
	b.Reset()
	if err := c.pdf()(&b); err != nil || !bytes.HasPrefix(b.Bytes(), []byte("%PDF")) {
		t.Fatalf("PDF %v", err)
	}
}

// Marking settled in bulk asks first, then changes exactly the expected commissions chosen (a
// vendor's, and one request of another), through the door, and says how many.
func TestCommissionsBulkSettleChangesExactlyTheChosenOnes(t *testing.T) {
	u, st := newDemoUI(t, "fr")
	ctx := t.Context()
	c := openCommissions(t, u)
	if !c.settle.Disabled() {
		t.Fatal("nothing ticked, yet settling is offered")
	}
	expectedOf := func(vc desk.VendorCommissions) []string {
		var ids []string
		for _, r := range vc.Requests {
			if r.CommissionStatus == desk.CommissionExpected {
				ids = append(ids, r.ID)
			}
		}
		return ids
	}
	var withExpected []int
	for i, vc := range c.rows {
		if len(expectedOf(vc)) > 0 {
			withExpected = append(withExpected, i)
		}
	}
	if len(withExpected) < 2 {
		t.Fatalf("the demo month has %d vendors with expected commissions", len(withExpected))
	}
	// A whole vendor ticked, and one request of another picked in its list.
	vendor, other := c.rows[withExpected[0]], c.rows[withExpected[1]]
	c.picked[commissionRowKey(vendor)] = true
	c.vendors.Select(withExpected[1])
	one := expectedOf(other)[0]
	c.pickedReqs[one] = true
	c.ticksChanged()
	chosen := append(expectedOf(vendor), one)
	if c.settle.Disabled() || c.settle.Text != i18n.T("commissions.settle", map[string]any{"N": len(chosen)}) {
		t.Fatalf("settle button %q", c.settle.Text)
	}
	before, err := st.Requests(ctx, store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_, lastOp, err := st.Changes(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(c.settle)
	if c.lastConfirm == nil {
		t.Fatal("settled without asking")
	}
	if after, _ := st.Request(ctx, one); after.CommissionStatus != desk.CommissionExpected {
		t.Fatal("settled before the answer")
	}
	c.lastConfirm.Confirm()
	after, err := st.Requests(ctx, store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	was := map[string]desk.Request{}
	for _, r := range before {
		was[r.ID] = r
	}
	for _, r := range after {
		old := was[r.ID]
		wantStatus := old.CommissionStatus
		if slices.Contains(chosen, r.ID) {
			wantStatus = desk.CommissionSettled
		}
		if r.CommissionStatus != wantStatus || r.Status != old.Status || r.Title != old.Title {
			t.Errorf("%s: commission %q, want %q", r.Title, r.CommissionStatus, wantStatus)
		}
	}
	ops, _, err := st.Changes(ctx, lastOp, 0)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for _, op := range ops {
		if op.Entity == "request" && op.Field == "commission_status" {
			changed = append(changed, op.ID)
		}
	}
	slices.Sort(changed)
	slices.Sort(chosen)
	if !slices.Equal(changed, chosen) {
		t.Fatalf("the team log has %v, chosen %v", changed, chosen)
	}
	if u.lastNotice != i18n.T("commissions.settled", map[string]any{"N": len(chosen)}) {
		t.Fatalf("notice %q", u.lastNotice)
	}
	if len(c.toSettle()) != 0 || !c.settle.Disabled() || c.selected != withExpected[1] {
		t.Fatalf("after settling: %d still ticked, selection %d", len(c.toSettle()), c.selected)
	}
	// Ticking every vendor, then untick one, leaves the "all" box unticked.
	c.all.SetChecked(true)
	if len(c.toSettle()) == 0 {
		t.Fatal("every vendor ticked, nothing to settle")
	}
	c.picked[commissionRowKey(c.rows[0])] = false
	c.ticksChanged()
	if c.all.Checked {
		t.Fatal("one vendor unticked, all still ticked")
	}
}

package desk

import "sort"

// VendorCommissions is what one vendor owes the hotel in one currency over a period: the
// commissions still expected, those settled and those reversed (a cancelled booking), with the
// requests behind each figure.
type VendorCommissions struct {
	VendorID, VendorName, Currency string
	Expected, Settled, Reversed    int64 // cents
	Requests                       []Request
}

// Commissions sums the requests' commissions by vendor and currency, vendors by name. A request
// without a vendor or without a commission status is no commission.
func Commissions(reqs []Request) []VendorCommissions {
	by := map[[2]string]*VendorCommissions{}
	var out []*VendorCommissions
	for _, r := range reqs {
		if r.VendorID == "" || r.CommissionStatus == CommissionNone {
			continue
		}
		k := [2]string{r.VendorID, r.Currency}
		vc := by[k]
		if vc == nil {
			vc = &VendorCommissions{VendorID: r.VendorID, VendorName: r.VendorName, Currency: r.Currency}
			by[k] = vc
			out = append(out, vc)
		}
		switch r.CommissionStatus {
		case CommissionExpected:
			vc.Expected += r.CommissionCents
		case CommissionSettled:
			vc.Settled += r.CommissionCents
		case CommissionReversed:
			vc.Reversed += r.CommissionCents
		}
		vc.Requests = append(vc.Requests, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := FoldKey(out[i].VendorName), FoldKey(out[j].VendorName); a != b {
			return a < b
		}
		return out[i].Currency < out[j].Currency
	})
	res := make([]VendorCommissions, len(out))
	for i, vc := range out {
		res[i] = *vc
	}
	return res
}

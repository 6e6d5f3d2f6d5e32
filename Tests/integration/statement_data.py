"""Statement records for the tests, with chosen transaction counts, and the reference pagination rule of
the statement (../shared/bench/STATEMENT.md: 14 pt rows from y=532 on page one and y=68 after, the header
repeated, a 16 pt totals row, a 150 pt stub zone at the foot of the last page, body bottom 738)."""
import datetime
import random

DESCS = ["Energy charge", "Delivery charge", "Payment - thank you", "Late fee", "Service fee", "Municipal tax"]


def account(i, count, seed=3, overdue=None):
    rnd = random.Random(seed * 100003 + i)
    base = datetime.date(2026, 10, 31)
    tx = []
    for _ in range(count):
        d = base - datetime.timedelta(days=rnd.randint(0, 30))
        desc = rnd.choice(DESCS)
        amt = round(rnd.uniform(-120, 180), 2)
        tx.append({"date": d.isoformat(), "description": desc, "reference": f"R{rnd.randint(10**7, 10**8 - 1)}", "amount": amt})
    tx.sort(key=lambda t: t["date"])
    prev = round(rnd.uniform(0, 900), 2)
    pay = -round(sum(t["amount"] for t in tx if t["amount"] < 0), 2)
    charges = round(sum(t["amount"] for t in tx if t["amount"] > 0), 2)
    return {
        "account_id": f"{200000000 + i:09d}", "name": "Test Person", "address": [f"{i} Oak St"] + (["Apt 2"] if i % 3 == 0 else []),
        "city": "Springfield", "state": "IL", "zip": "62701", "statement_date": base.isoformat(),
        "due_date": (base + datetime.timedelta(days=21)).isoformat(), "previous_balance": prev, "payments": pay,
        "new_charges": charges, "amount_due": round(prev - pay + charges, 2),
        "overdue": (i % 10 == 0) if overdue is None else overdue, "channel": "print", "email": "t@example.com",
        "phone": "+15550000000", "usage": [rnd.randint(300, 1500) for _ in range(12)], "transactions": tx,
    }


def expected_pages(count):
    bottom = 738.0
    page, y = 1, 518.0 + 14
    for _ in range(count):
        if y + 14 > bottom:
            page, y = page + 1, 54.0 + 14
        y += 14
    if y + 16 > bottom:
        page, y = page + 1, 54.0 + 14
    y += 16
    if y + 150 > bottom:
        page += 1
    return page


def boundary_counts():
    """Transaction counts around every place where the page count changes, up to 180."""
    counts = {1, 2, 180}
    last = expected_pages(1)
    for n in range(1, 181):
        p = expected_pages(n)
        if p != last:
            counts.update({n - 1, n, n + 1})
            last = p
    # the stub and the totals row spill at different counts: include the neighbourhood of both rules
    return sorted(c for c in counts if 1 <= c <= 180)


def dataset(n=220, seed=3):
    counts = boundary_counts()
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        c = counts[i] if i < len(counts) else max(1, min(180, int(rnd.lognormvariate(3.2, 0.8))))
        out.append(account(i, c, seed))
    return out

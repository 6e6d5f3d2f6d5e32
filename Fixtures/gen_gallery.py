#!/usr/bin/env python3
"""Writes the gallery's sample records (Fixtures/gallery/*.jsonl): telecom invoices, partner onboarding
packets and utility bills. Seeded, so the files are the same on every machine; run it again after changing it.

    python3 Fixtures/gen_gallery.py
"""
import json
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "gallery"

NAMES = [("Amelia Hart", "en"), ("Jonas Becker", "de"), ("Camille Laurent", "fr"), ("Oliver Brooks", "en"),
         ("Lena Hoffmann", "de"), ("Théo Moreau", "fr"), ("Isla Morgan", "en"), ("Mia Schäfer", "de"),
         ("Zoë Lefèvre-Dubois", "fr"), ("Harry Patel", "en"), ("Greta Wójcik", None), ("Noah Clarke", "en")]
STREETS = ["12 Elm Row", "Lindenstraße 4", "8 rue des Lilas", "221 Baker Street", "Am Hang 17", "3 place Bellecour",
           "9 Quay Lane", "Birkenweg 2a", "14 avenue Jean Jaurès", "77 Mill Road", "Ogrodowa 5", "1 Church View"]
CITIES = [("Bristol", "BS6 5AQ"), ("Köln", "50667"), ("Lyon", "69002"), ("London", "NW1 6XE"), ("Hamburg", "20095"),
          ("Lyon", "69002"), ("Cardiff", "CF10 4PA"), ("München", "80331"), ("Paris", "75011"), ("Leeds", "LS6 2AB"),
          ("Bath", "BA1 1AA"), ("York", "YO1 7HH")]
LANGUAGE = {"en": "en_GB", "de": "de-DE", "fr": "fr_FR", None: None}


def telecom(rng):
    records = []
    for i, ((name, lang), street, (city, post)) in enumerate(zip(NAMES, STREETS, CITIES)):
        start = date(2026, 10, 15)
        end = date(2026, 11, 14)
        allowance = rng.choice([10, 25, 50, 100])
        used = round(allowance * rng.choice([0.35, 0.62, 0.85, 0.97, 1.18, 1.4]), 1)
        charges = [{"group": "plan", "date": None, "description": f"Northwind {allowance} GB plan", "amount": float(10 + allowance // 5)},
                   {"group": "plan", "date": None, "description": "Unlimited texts bundle", "amount": 3.0}]
        # One account has a long itemised bill, so the table runs over pages with carried and brought forward rows.
        calls = 44 if i == 3 else rng.randint(2, 8)
        for k in range(calls):
            day = start + timedelta(days=rng.randint(0, 30))
            kind = rng.choice(["Call to 07700 900", "Call to 0117 496 0", "Premium SMS 8", "Call to 020 7946 0"])
            charges.append({"group": "usage", "date": day.isoformat(), "description": f"{kind}{rng.randint(100, 999)}",
                            "amount": round(rng.uniform(0.08, 2.5), 2)})
        charges.sort(key=lambda c: (c["group"] != "plan", c["date"] or ""))
        if used > allowance:
            charges.append({"group": "usage", "date": end.isoformat(), "description": f"Extra data {round(used - allowance, 1)} GB",
                            "amount": round((used - allowance) * 2, 2)})
        if i % 3 == 1:
            for k in range(rng.randint(1, 3)):
                charges.append({"group": "roaming", "date": (start + timedelta(days=10 + k)).isoformat(),
                                "description": rng.choice(["EU roaming day pass", "Data in Switzerland 120 MB", "Calls in the USA"]),
                                "amount": round(rng.uniform(2, 9), 2)})
        if i % 4 == 2:
            charges.append({"group": "extras", "date": end.isoformat(), "description": "Replacement SIM", "amount": 5.0})
        records.append({
            "invoice_no": f"NW-2026-11-{100231 + i}", "account": f"7{rng.randint(10**8, 10**9 - 1)}",
            "issue_date": "2026-11-16", "due_date": "2026-11-30", "period_start": start.isoformat(), "period_end": end.isoformat(),
            "customer": {"name": name, "lines": [street, f"{post} {city}" if lang in ("de", "fr") else f"{city} {post}"],
                         "language": LANGUAGE[lang]},
            "plan": f"Northwind {allowance}", "usage": {"used_gb": used, "allowance_gb": allowance}, "vat_rate": 0.2,
            "charges": charges,
            "payment": {"iban": "GB33BUKB20201555555555", "bic": "BUKBGB22", "beneficiary": "Northwind Mobile Ltd"},
        })
    return records


def write(name, records):
    OUT.mkdir(exist_ok=True)
    with open(OUT / name, "w") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


PARTNERS = [("Acme Foods Inc.", "acme_foods", "Maria Gonzales", ["1200 Industrial Pkwy", "Columbus, OH 43215"]),
            ("Bluewater Logistics LLC", "bluewater", "Kenji Watanabe", ["88 Harbor Blvd", "Long Beach, CA 90802"]),
            ("Cedar Supply Co.", "cedar_supply", "Priya Raman", ["4 Cedar Ct", "Portland, OR 97205"]),
            ("Delta Parts & Service", "delta_parts", "Sam O'Connor", ["2300 Delta Dr", "Memphis, TN 38118"]),
            ("Acme Foods Canada", "acme_foods", "Élodie Tremblay", ["75 rue Sherbrooke O", "Montréal, QC H2X 1X2"]),
            ("Bluewater Freight", "bluewater", "Aisha Bello", ["17 Dockside Way", "Savannah, GA 31401"])]
SETS = [("850", "Purchase orders", "inbound"), ("855", "Order acknowledgements", "outbound"), ("856", "Ship notices", "outbound"),
        ("810", "Invoices", "outbound"), ("997", "Functional acknowledgements", "both"), ("820", "Remittance advice", "inbound")]


def onboarding(rng):
    records = []
    for i, (name, logo, attention, lines) in enumerate(PARTNERS):
        sent = date(2026, 12, 1) + timedelta(days=i % 3)
        isa = f"{name.split()[0].upper()[:6]}{rng.randint(100, 999)}"
        profile = [{"category": "Identifiers", "setting": "ISA qualifier / ID", "value": f"ZZ / {isa}"},
                   {"category": "Identifiers", "setting": "GS application code", "value": isa},
                   {"category": "Identifiers", "setting": "Network mailbox", "value": f"{isa.lower()}@grid.northwind.example"},
                   {"category": "Transport", "setting": "Protocol", "value": rng.choice(["AS2 (RFC 4130)", "SFTP", "AS2 (RFC 4130)"])},
                   {"category": "Transport", "setting": "Endpoint", "value": f"https://edi.{logo.replace('_', '')}.example/as2"},
                   {"category": "Transport", "setting": "Signing", "value": "SHA-256, signed MDN requested"}]
        for code, title, direction in SETS[: 3 + i % 4]:
            profile.append({"category": "Documents", "setting": f"X12 {code} {title}", "value": f"004010, {direction}"})
        steps = [
            {"title": "Exchange certificates", "text": "Send us the public certificate you will sign with and install ours; we test the AS2 handshake with an empty message.",
             "due": (sent + timedelta(days=5)).isoformat(), "tasks": ["Upload your signing certificate in the portal", "Install the Northwind Grid certificate", "Confirm the test MDN arrived"]},
            {"title": "Send test interchanges", "text": "Send one test interchange of each document type with ISA15 = T. We return a 997 for each and list any segment we could not read.",
             "due": (sent + timedelta(days=12)).isoformat(), "tasks": [f"Test {code} {title.lower()}" for code, title, _ in SETS[: 3 + i % 4]]},
            {"title": "Partner sign-off", "text": "Your trading partner reviews the test documents and confirms the mapping in the portal.",
             "due": (sent + timedelta(days=19)).isoformat(), "tasks": ["Partner confirms the mapping", "Agree the go-live date"]},
        ]
        if i % 2 == 0:
            steps.append({"title": "Go live", "text": "Switch ISA15 to P. The first production week is watched by our operations team, who call you about any rejection.",
                          "due": (sent + timedelta(days=26)).isoformat(), "tasks": ["Switch to production", "Review the first week's acknowledgements"]})
        contacts = [{"name": "Dana Whitfield", "role": "Director, Partner Onboarding", "email": "dana.whitfield@grid.northwind.example", "phone": "415-555-0142"},
                    {"name": "Luis Ortega", "role": "EDI analyst, your onboarding lead", "email": "luis.ortega@grid.northwind.example", "phone": "415-555-0177"},
                    {"name": "Operations desk (24/7)", "role": "Rejections, outages", "email": "ops@grid.northwind.example", "phone": "415-555-0100"}]
        records.append({"packet_id": f"ONB-{2026120 + i}", "sent": sent.isoformat(), "go_live": (sent + timedelta(days=28)).isoformat(),
                        "partner": {"name": name, "lines": lines, "attention": attention, "logo": logo},
                        "profile": profile, "steps": steps, "contacts": contacts})
    return records


HOUSEHOLDS = [("Rosa Delgado", "es-US", ["1418 S Yakima Ave", "Tacoma, WA 98405"]),
              ("Michael Chen", "en-US", ["902 N Stevens St", "Tacoma, WA 98406"]),
              ("Guadalupe Ramírez", "es", ["55 E 34th St Apt 2", "Tacoma, WA 98404"]),
              ("Beth & Tom Sorensen", None, ["3110 N Proctor St", "Tacoma, WA 98407"]),
              ("Anh Nguyen", "en_US", ["7201 Pacific Ave", "Tacoma, WA 98408"]),
              ("Carlos Mendoza", "es-MX", ["2604 S 12th St", "Tacoma, WA 98405"])]


def utility(rng):
    records = []
    for i, (name, lang, lines) in enumerate(HOUSEHOLDS):
        days = 30
        kwh_prev = rng.randint(20000, 60000)
        kwh = rng.randint(300, 1400)
        water_prev = rng.randint(1000, 9000)
        water = rng.randint(40, 160)
        meters = [{"kind": "electricity", "number": f"E{rng.randint(10**6, 10**7)}", "unit": "kWh", "previous": kwh_prev,
                   "current": kwh_prev + kwh, "average": round(kwh / days * rng.choice([0.7, 0.95, 1.1, 1.3]), 1), "days": days},
                  {"kind": "water", "number": f"W{rng.randint(10**6, 10**7)}", "unit": "gal ×100", "previous": water_prev,
                   "current": water_prev + water, "average": round(water / days * rng.choice([0.6, 1.0, 1.2]), 1), "days": days}]
        first = min(kwh, 600)
        charges = [{"tier": "Electricity", "detail": "Basic charge", "quantity": 1, "rate": 7.49},
                   {"tier": "Electricity", "detail": "Energy, first 600 kWh", "quantity": first, "rate": 0.0912}]
        if kwh > 600:
            charges.append({"tier": "Electricity", "detail": "Energy, over 600 kWh", "quantity": kwh - 600, "rate": 0.1107})
        charges += [{"tier": "Water", "detail": "Meter charge", "quantity": 1, "rate": 18.20},
                    {"tier": "Water", "detail": "Usage (100 gal)", "quantity": water, "rate": 0.0421},
                    {"tier": "Sewer", "detail": "Flat rate", "quantity": 1, "rate": 54.35}]
        zip_plus = lines[1][-5:] + f"{rng.randint(1000, 9999)}{rng.randint(10, 99)}"
        imb = "00" + "270" + "123456" + f"{i + 1:09d}" + zip_plus   # barcode id, service, mailer id, serial, ZIP+4+dp
        records.append({"bill_no": f"CWP-{2612000 + i * 7}", "account": f"{rng.randint(10**9, 10**10 - 1)}", "imb": imb,
                        "issued": "2026-12-02", "due": "2026-12-23",
                        "customer": {"name": name, "lines": lines, "language": lang},
                        "meters": meters, "charges": charges, "past_due": [0, 0, 42.17, 0, 0, 118.6][i]})
    return records


if __name__ == "__main__":
    write("telecom_invoices.jsonl", telecom(random.Random(15)))
    write("partner_onboarding.jsonl", onboarding(random.Random(16)))
    write("utility_bills.jsonl", utility(random.Random(17)))

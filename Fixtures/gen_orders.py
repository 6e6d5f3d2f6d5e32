#!/usr/bin/env python3
"""Deterministic sample orders for Templates/order_confirmation: gen_orders.py SEED N > orders.jsonl

Most orders have a handful of lines; every seventh has 40-90 so the line-item table runs over pages.
Descriptions are long enough that some wrap in their column."""
import json
import random
import sys
import datetime

PRODUCTS = [
    ("VLV-2040", "Ball valve, stainless steel, 2 in., full port, lockable handle", 84.50),
    ("PMP-1100", "Centrifugal pump 1.1 kW", 612.00),
    ("FLT-0032", "Filter cartridge 5 micron", 12.75),
    ("GSK-0500", "Gasket set, EPDM, DN50 flange (pack of 10)", 23.40),
    ("SNS-7710", "Pressure sensor 0-10 bar, 4-20 mA output, M12 connector, IP67", 149.00),
    ("CBL-0010", "Signal cable 10 m", 18.90),
    ("BRK-0203", "Mounting bracket", 7.35),
    ("MTR-3000", "Flow meter, electromagnetic, DN25, with local display and pulse output", 1290.00),
    ("SEA-1122", "Mechanical seal kit for PMP-1100", 96.20),
    ("TOL-0001", "Torque wrench 20-100 Nm", 139.99),
]
NAMES = ["Ada Lovelace", "Grace Hopper", "Émile Zola", "Søren Kierkegaard", "Zoë Baptiste", "Ravi Shankar",
         "Björn Ulvaeus", "Chiara Ferragni", "José Martí", "Mary Somerville"]
COMPANIES = ["Riverside Water Works", "Harbour Breweries Ltd", "North Mill Dairy", "Kestrel Chemicals",
             "Old Town Brewery", None]
CITIES = [("Leeds", "LS1 4DY"), ("Bristol", "BS1 5TR"), ("York", "YO1 7HH"), ("Norwich", "NR2 1RQ")]


def main():
    seed, n = int(sys.argv[1]), int(sys.argv[2])
    rnd = random.Random(seed)
    base = datetime.date(2026, 11, 2)
    for i in range(n):
        count = rnd.randint(40, 90) if i % 7 == 3 else rnd.randint(1, 8)
        lines = []
        for k in range(count):
            sku, desc, price = rnd.choice(PRODUCTS)
            lines.append({"sku": sku, "description": desc, "quantity": rnd.randint(1, 24), "unit_price": price})
        city, postcode = rnd.choice(CITIES)
        company = rnd.choice(COMPANIES)
        order = {
            "order_id": f"SO-{26000 + i * 3 + seed}",
            "order_date": (base + datetime.timedelta(days=rnd.randint(0, 20))).isoformat(),
            "customer": {"name": rnd.choice(NAMES), "company": company,
                         "street": f"{rnd.randint(1, 200)} {rnd.choice(['Mill Lane', 'Quay Street', 'Station Road', 'High Street'])}",
                         "city": city, "postcode": postcode},
            "delivery_weeks": rnd.randint(1, 6),
            "shipping": rnd.choice([0.0, 15.0, 45.0]),
            "vat_rate": 0.2,
            "express": rnd.random() < 0.2,
            "lines": lines,
        }
        if company is None:
            del order["customer"]["company"]
        print(json.dumps(order, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()

"""Writes articles.jsonl for the 'turbines' ledger corpus from the texts below (run it after an
edit; gold.json is written by hand). Everything is invented: the people, the outlets, the
plant and the town of Ostrava-Lesna; the texts were written for this test."""
import json
from pathlib import Path

ARTICLES = [
    ("tu-01", "https://radiokalvo.example/news/engineers-leave-turbine-plant", "radiokalvo.example",
     "2026-02-09T09:10:00+03:00", "Engineers are leaving the Lesna turbine plant, minister says",
     """Radio Kalvo | News | Listen live

Energy minister Teodor Vasylenko told Radio Kalvo on Monday that about 5,000 engineers had left the Lesna turbine plant since March.

"We are losing the people who know how to repair the machines," Vasylenko said. He said the ministry would raise salaries at the plant from April.

Listen to the full interview on the Radio Kalvo app."""),
    ("tu-02", "https://nordwire.example/2026/02/09/ministry-engineers-exodus", "nordwire.example",
     "2026-02-09T07:40:00+01:00", "Thousands of engineers quit turbine plant, minister tells radio",
     """NORDWIRE | World | Business | Energy

KALVO, Feb 9 (Nordwire) - Energy minister Teodor Vasilenko told the broadcaster Radio Kalvo on Monday that around 5,000 engineers had quit the Lesna turbine plant since March.

Vasilenko said the ministry would raise salaries at the plant from April. The plant makes turbines for most of the country's hydro stations.

(Reporting by Nordwire Kalvo bureau)"""),
    ("tu-03", "https://dailyharbour.example/energy/engineers-quit-plant", "dailyharbour.example",
     "2026-02-09T09:05:00+02:00", "Engineers quit Lesna plant",
     """Daily Harbour

KALVO, Feb 9 (Nordwire) - Energy minister Vasilenko told the broadcaster Radio Kalvo on Monday that around 5,000 engineers had quit the Lesna turbine plant since March.

Vasilenko said the ministry would raise salaries at the plant from April. The plant makes turbines for most of the country's hydro stations.

Advertisement"""),
    ("tu-04", "https://globalmirror.example/en/the-minister-declares-departure-of-engineers", "globalmirror.example",
     "2026-02-10T01:30:00+05:00", "Kalvo: the minister declares the departure of thousands of engineers",
     """Global Mirror - the news in your language
[Automatic translation]

The minister of the energy Wasylenko has declared to the radio Kalvo on Monday that approximately 5,000 engineers have quitted the factory of turbines of Lesna since March.

Mr. Wasylenko has said that the ministry would raise the salaries in the factory from April.

(With Nordwire)"""),
    ("tu-05", "https://pulsenow.example/engineers-exodus-50000", "pulsenow.example",
     "2026-02-09T14:00:00+00:00", "Exodus: 50,000 engineers flee turbine giant",
     """PULSE NOW

KALVO, Feb 9 (Nordwire) - Energy minister Teodor Vasilenko told the broadcaster Radio Kalvo on Monday that more than 50,000 engineers had quit the Lesna turbine plant since March.

Vasilenko said the ministry would raise salaries at the plant from April. The plant makes turbines for most of the country's hydro stations.

Share this story"""),
    ("tu-06", "https://kalvopost.example/politics/vasylenko-committee-engineers", "kalvopost.example",
     "2026-02-11T18:20:00+03:00", "Vasylenko tells MPs plant is short of engineers",
     """Kalvo Post

Speaking to parliament's energy committee on Wednesday, minister Teodor Vasylenko said 5,200 engineers had left the Lesna turbine plant since March.

Committee chair Irena Holub said the ministry had ignored warnings from the plant's managers for a year.

Vasylenko did not say how many of the engineers had moved abroad."""),
    ("tu-07", "https://kalvopost.example/economy/engineers-left-substation", "kalvopost.example",
     "2026-01-05T10:00:00+03:00", "Substation plant loses engineers",
     """Kalvo Post

Energy minister Teodor Vasylenko said on Monday that about 1,200 engineers had left the Kharkiv substation plant since March.

He said the government would open a training centre at the plant in the spring."""),
    ("tu-08", "https://eastreview.example/turbines-claims-questioned", "eastreview.example",
     "2026-02-12T08:00:00+00:00", "Union questions minister's turbine figures",
     """East Review

Union leader Marta Kos said the Lesna turbine plant had not lost 5,000 engineers and that most of those who left were administrative staff.

The energy ministry did not respond to a request for comment."""),
]

with open(Path(__file__).with_name("articles.jsonl"), "w", encoding="utf-8") as out:
    for aid, url, site, published, title, text in ARTICLES:
        record = {"id": aid, "url": url, "site": site, "title": title, "text": text}
        if published:
            record["published"] = published
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

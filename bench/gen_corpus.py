#!/usr/bin/env python3
"""Deterministic benchmark corpora for newskg (Python 3 standard library only).

    gen_corpus.py synth N OUT.jsonl [--seed S] [--words W]
        N synthetic news articles of about W words (default 500), one JSON record per
        line. Names, titles, places, organisations, event triggers, quotations and
        sentence patterns are recombined from the small word lists below (written for
        this benchmark, not taken from any article) so that the extractor does real work:
        about 20 entities, 5 posts, 8 events and 5 quotations per 500 words, the density
        of the GUM news gold set.

    gen_corpus.py dev N OUT.jsonl DIR...
        N records made by cycling through the real articles (*.txt) under DIR...: each
        copy gets its own id ("dev-<copy>-<name>") so that every record is a distinct
        article graph; a Wikinews page (title, blank line, date line, body) becomes
        headline, date and body, anything else is body only.

Same arguments, same bytes.
"""

import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

FIRST = """Anna Boris Carla Daniel Elena Farid Grace Hassan Ines Jonas Keiko Lars Maria Nadia
Omar Paula Quentin Rosa Samuel Tamara Umar Vera Walter Yusuf Zofia Ahmed Beatriz Chen
Dmitri Esther Felipe Greta Hugo Irina Javier Katrin Luis Mei Nikolai Olga Pedro Rania
Stefan Tomas Ulrike Viktor Wei Xavier Yara Amir Bianca Carlos Diana Emil Fatima George
Helen Ivan Julia Kofi Leila Marco Nora Oscar Priya Rafael Sofia Theo""".split()

SURNAMES = """Abbott Bergstrom Castellano Dubois Eriksen Fontaine Gallagher Haddad Ivanova
Jablonski Kowalczyk Lindqvist Moreau Nakamura Okafor Petrova Quintero Rasmussen Sandoval
Takahashi Urquhart Vasquez Whitfield Xu Yilmaz Zimmermann Achebe Brennan Carvalho Delacroix
Esposito Fischer Grant Hargreaves Iqbal Jansen Kaur Lombardi Mendoza Novak Oyelaran Pereira
Rinaldi Schneider Tanaka Ulloa Varga Wojcik Yamamoto Zielinski Alvarez Barros Costa Duarte
Engel Ferreira Gutierrez Holm Ibrahim Jovanovic Keller Lozano Marsh Nordin Ortega Pavlov
Reyes Sorensen Thornton Valente Weber""".split()

# (title as written before a name, the post it names, whether it takes "of <country>")
TITLES = [
    ("President", "president", True), ("Prime Minister", "prime minister", True),
    ("Foreign Minister", "foreign minister", True), ("Defense Minister", "defense minister", True),
    ("Finance Minister", "finance minister", True), ("Interior Minister", "interior minister", True),
    ("Sen.", "senator", False), ("Rep.", "representative", False), ("Gov.", "governor", False),
    ("Mayor", "mayor", False), ("Ambassador", "ambassador", True), ("Judge", "judge", False),
    ("Secretary of State", "secretary of state", False), ("Chancellor", "chancellor", True),
    ("Attorney General", "attorney general", False), ("General", "general", False),
]
ROLE_NOUNS = ["spokesperson", "spokesman", "spokeswoman", "chief executive", "chairman",
              "director", "prosecutor", "adviser", "lawmaker", "envoy"]

COUNTRIES = """France Germany Japan Brazil Canada Mexico India Nigeria Kenya Egypt Turkey Poland
Sweden Norway Spain Italy Argentina Chile Indonesia Vietnam Australia Ukraine Iran Israel
Pakistan Colombia Peru Ghana Ethiopia Greece Portugal Austria Hungary Finland Denmark Ireland
Morocco Algeria Thailand Malaysia""".split()

CITIES = """Paris Berlin Tokyo Brasilia Ottawa Madrid Rome Cairo Nairobi Ankara Warsaw Stockholm
Oslo Lisbon Vienna Athens Dublin Geneva Brussels London Washington Beijing Seoul Jakarta
Bangkok Lagos Lima Bogota Santiago Helsinki Copenhagen Budapest Kyiv Toronto Sydney Mumbai
Istanbul Casablanca Accra Hanoi""".split()

ORGS = ["United Nations", "European Union", "NATO", "World Health Organization",
        "International Monetary Fund", "World Bank", "Red Cross", "Amnesty International",
        "Human Rights Watch", "African Union", "Supreme Court", "Justice Department",
        "Central Bank", "Interior Ministry", "Foreign Ministry", "Defense Ministry",
        "Security Council", "Election Commission", "Senate", "Parliament"]
COMPANY_A = """Northwind Bluewater Silverline Redstone Greenfield Highgate Ironbridge Lakeshore
Oakridge Pinecrest Riverton Summit Westbrook Eastgate Clearview Brightwell""".split()
COMPANY_B = ["Energy", "Holdings", "Airlines", "Motors", "Pharmaceuticals", "Bank",
             "Telecom", "Mining", "Shipping", "Foods", "Logistics", "Capital"]
OUTLETS = ["Reuters", "Associated Press", "Agence France-Presse", "BBC", "Al Jazeera",
           "The New York Times", "The Guardian", "Bloomberg", "Kyodo News", "Xinhua"]
ANON = ["a senior official", "two diplomats", "a government source", "officials",
        "a person familiar with the talks", "a military spokesman", "a U.S. official",
        "a European diplomat", "sources close to the negotiations", "an aide"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "yesterday", "last week", "earlier this month", "late on Thursday",
        "on Monday evening", "next week", "this year", "last year"]
TOPICS = ["trade", "energy prices", "the border dispute", "climate policy", "migration",
          "food security", "nuclear talks", "the peace process", "tariffs", "debt relief",
          "arms sales", "the refugee crisis", "water rights", "fishing quotas", "cyber attacks",
          "public health", "the budget", "pension reform", "a new pipeline", "rare earth exports"]
CRIMES = ["fraud", "bribery", "money laundering", "tax evasion", "espionage", "corruption",
          "abuse of office", "insider trading"]
# Quotation fragments: a quotation is two or three of these joined.
Q_OPEN = ["We will not accept", "Nobody wants", "This is not the time for", "We are ready for",
          "The people deserve", "Our country needs", "I have always supported", "We cannot allow",
          "There will be no", "It is too early to talk about", "We are committed to",
          "History will judge"]
Q_MID = ["a deal that ignores our interests", "another year of uncertainty", "talks without results",
         "a fair and lasting solution", "more delays", "a return to violence", "real answers",
         "a serious discussion about the future", "any compromise on security",
         "the rule of law", "an open and honest process", "those who broke the law"]
Q_END = ["and we will say so clearly.", "and that is what we told them.", "whatever the cost.",
         "for the sake of our children.", "and the world is watching.", "in the coming weeks.",
         "and everybody knows it.", "before it is too late."]
ADJ = ["difficult", "tense", "constructive", "long", "frank", "brief", "unexpected", "cordial"]
FILLER = [
    "The talks focused on {topic} and {topic2}, according to a statement released afterwards.",
    "Analysts said the outcome would depend on {topic} more than on any single meeting.",
    "The government has faced growing criticism over {topic} in recent months.",
    "Prices rose sharply after the announcement, and markets remained volatile for much of the day.",
    "Critics say the plan does little to address {topic}, which has dominated the campaign.",
    "The move comes amid a broader debate over {topic} across the region.",
    "It was not immediately clear how the decision would affect {topic}.",
    "The previous round of negotiations ended without agreement in the spring.",
    "Thousands of people gathered in the capital to protest against {topic}.",
    "Observers described the atmosphere as {adj} but said both sides wanted progress.",
    "Few expect a quick resolution, given how far apart the two sides remain on {topic}.",
    "The figures published this week suggest the economy is slowing faster than expected.",
    "Some residents said they had waited hours for news, while others had already left the area.",
    "The issue of {topic} has divided the governing coalition for more than a year.",
    "Supporters of the proposal argue it would create jobs and lower costs for households.",
    "Details of the plan have not been made public, and several questions remain open.",
    "The decision is likely to be challenged, and a final outcome could take months.",
    "Local businesses have complained that the rules on {topic} change too often to plan ahead.",
    "Experts warned that the situation could deteriorate quickly without outside help.",
    "The {adj} exchange was the latest sign of strained relations between the neighbours.",
]


# How often each sentence pattern of Article.sentence is used (the last is the filler).
PATTERN_WEIGHTS = [1, 3, 3, 1, 0.5, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 30]


class Article:
    """One synthetic article: a cast of people, places and organisations, and sentences."""

    def __init__(self, rng):
        self.r = rng
        names = set()
        self.people = []
        while len(self.people) < 6:
            n = (rng.choice(FIRST), rng.choice(SURNAMES))
            if n[1] not in names:
                names.add(n[1])
                t = rng.choice(TITLES)
                self.people.append({"first": n[0], "last": n[1], "title": t,
                                    "country": rng.choice(COUNTRIES), "seen": False})
        self.countries = rng.sample(COUNTRIES, 4)
        self.cities = rng.sample(CITIES, 3)
        self.orgs = rng.sample(ORGS, 3) + [f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"]

    def person(self, i=None):
        """A person as a news story names them: full name with title the first time, then
        the surname."""
        p = self.people[self.r.randrange(len(self.people)) if i is None else i]
        if p["seen"]:
            return p["last"]
        p["seen"] = True
        title, _, of = p["title"]
        if self.r.random() < 0.4:
            return f"{p['first']} {p['last']}"
        if of and self.r.random() < 0.5:
            return f"{p['country']}'s {title} {p['first']} {p['last']}"
        return f"{title} {p['first']} {p['last']}"

    def quote(self):
        r = self.r
        q = f"{r.choice(Q_OPEN)} {r.choice(Q_MID)}"
        if r.random() < 0.6:
            q += f", {r.choice(Q_END)}"
        else:
            q += "."
        return q

    def sentence(self):
        r = self.r
        c, c2 = r.sample(self.countries, 2)
        city = r.choice(self.cities)
        org = r.choice(self.orgs)
        day = r.choice(DAYS)
        topic, topic2 = r.sample(TOPICS, 2)
        k = r.choices(range(15), weights=PATTERN_WEIGHTS)[0]
        if k == 0:
            return f"{self.person()} met {self.person()} in {city} {day} to discuss {topic}."
        if k == 1:
            q = self.quote()
            return f"\u201c{q[:-1]},\u201d {self.person()} said {day}."
        if k == 2:
            return f"\"{self.quote()[:-1]},\" said {self.person()}, speaking to reporters in {city}."
        if k == 3:
            role = r.choice(ROLE_NOUNS)
            a = "an" if role[0] in "aeiou" else "a"
            return f"{self.person()}, {a} {role} for the {org}, said talks on {topic} would resume {day}."
        if k == 4:
            return f"The {org} accused {c} of {r.choice(['violating', 'ignoring', 'undermining'])} the agreement on {topic}."
        if k == 5:
            return f"According to {r.choice(ANON)}, {self.person()} had contacted {c2} officials {day} about {topic}."
        if k == 6:
            return f"{c} and {c2} signed an agreement in {city} {day} on {topic}, ending months of talks."
        if k == 7:
            p = self.people[r.randrange(len(self.people))]
            return (f"{p['first']} {p['last']} was appointed {r.choice(ROLE_NOUNS)} of the {org} {day}, "
                    f"{r.choice(OUTLETS)} reported.")
        if k == 8:
            return f"Prosecutors charged {self.person()} with {r.choice(CRIMES)} {day}, according to {r.choice(OUTLETS)}."
        if k == 9:
            return f"{c} imposed sanctions on {r.choice(self.orgs)} {day} over its role in {topic}."
        if k == 10:
            return f"Voters in {c} will elect a new parliament {day}, and {self.person()} is expected to run."
        if k == 11:
            return f"At least {r.randrange(2, 40)} people were killed in an attack near {city} {day}, the {org} said."
        if k == 12:
            return f"{self.person()} told {r.choice(OUTLETS)} that the {r.choice(ADJ)} meeting with {self.person()} had gone well."
        if k == 13:
            return f"{self.person()} denied the allegations in a statement {day}, calling them politically motivated."
        return r.choice(FILLER).format(topic=topic, topic2=topic2, adj=r.choice(ADJ))

    def body(self, words):
        paragraphs, n = [], 0
        while n < words:
            para = " ".join(self.sentence() for _ in range(self.r.randrange(2, 5)))
            n += len(para.split())
            paragraphs.append(para)
        city = self.cities[0].upper()
        paragraphs[0] = f"{city} \u2014 {paragraphs[0]}"
        return "\n".join(paragraphs)

    def headline(self):
        p = self.people[0]
        return f"{p['last']} {self.r.choice(['meets', 'criticises', 'defends', 'warns'])} {self.countries[1]} over {self.r.choice(TOPICS)}"


def synth(n, out, seed, words):
    start = date(2023, 1, 1)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            rng = random.Random(f"{seed}-{i}")
            a = Article(rng)
            rec = {
                "id": f"synth-{seed}-{i:07d}",
                "headline": a.headline(),
                "date": (start + timedelta(days=i % 730)).isoformat(),
                "source": rng.choice(OUTLETS),
                "body": a.body(words),
            }
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


DATE_LINE = re.compile(r"^\w+day, \w+ \d{1,2}, \d{4}$")


def dev(n, out, dirs):
    files = sorted(p for d in dirs for p in Path(d).rglob("*.txt"))
    if not files:
        sys.exit("gen_corpus.py: no .txt articles under " + " ".join(dirs))
    records = []
    for p in files:
        text = p.read_text(encoding="utf-8")
        lines = text.split("\n")
        rec = {"body": text}
        if len(lines) > 3 and lines[1].strip() == "" and DATE_LINE.match(lines[2].strip()):
            rec = {"headline": lines[0].strip(), "date": lines[2].strip(),
                   "body": "\n".join(lines[3:]).strip("\n")}
        records.append((p.stem, rec))
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            stem, rec = records[i % len(records)]
            f.write(json.dumps({"id": f"dev-{i // len(records)}-{stem}", **rec}, ensure_ascii=False) + "\n")


def main(argv):
    args = list(argv)
    opts = {"--seed": "1", "--words": "500"}
    for k in list(opts):
        if k in args:
            i = args.index(k)
            opts[k] = args[i + 1]
            del args[i:i + 2]
    if len(args) >= 3 and args[0] == "synth":
        synth(int(args[1]), args[2], opts["--seed"], int(opts["--words"]))
    elif len(args) >= 4 and args[0] == "dev":
        dev(int(args[1]), args[2], args[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

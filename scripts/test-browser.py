#!/usr/bin/env python3
"""Browser tests of the pages of `newskg serve`, run by scripts/test-browser.sh.

    test-browser.py BASE DRIVER ARTIFACTS PROFILE

BASE is a running `newskg serve` over the example articles and the hostile record of
test-browser.sh, DRIVER a running chromedriver (Debian's, matching /usr/bin/chromium),
ARTIFACTS the folder for the screenshots, PROFILE a fresh user-data-dir. Speaks the W3C
WebDriver protocol with the Python standard library (no browser download, no package).

Checks, in a real headless Chromium: the article page's highlights lie at the exact text
of every evidence span (compared with the spans the store holds, read over SPARQL), every
/view link of a page answers, clicking a highlight shows its fact and rule, clicking a
person leads to a page that names whom they met and links back; the event and search
pages; the query page links its IRIs to /view; a hostile article runs none of its markup;
and no page makes a request to another host (Chrome's own network log).
"""

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import base64
import time
from pathlib import Path

SEED = "https://w3id.org/newskg/id/article/sha256%3A9276e29de8c2971cb7806003a856265d"
MUSK = "https://w3id.org/newskg/id/person/elon-musk"
MEETING = SEED + "/event/205-212-Meeting"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--hide-scrollbars", "--window-size=1300,900"]

failures = []


def ok(what):
    print(f"test-browser: ok   {what}", file=sys.stderr)


def check(condition, what):
    if condition:
        ok(what)
    else:
        print(f"test-browser: FAIL {what}", file=sys.stderr)
        failures.append(what)


class Browser:
    """A WebDriver session."""

    def __init__(self, driver, profile):
        self.driver = driver.rstrip("/")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium",
                                   "args": FLAGS + [f"--user-data-dir={profile}", "about:blank"]},
            "goog:loggingPrefs": {"performance": "ALL"},
        }}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        url = self.driver + path
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.load(r)["value"]
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"WebDriver {method} {path}: {e.read().decode()[:500]}") from None

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        found = self.s("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(found.values()))

    def click(self, css):
        self.s("POST", f"/element/{self.find(css)}/click", {})

    def type(self, css, text):
        self.s("POST", f"/element/{self.find(css)}/value", {"text": text})

    def screenshot(self, path, height=900):
        self.s("POST", "/window/rect", {"width": 1300, "height": height})
        Path(path).write_bytes(base64.b64decode(self.s("GET", "/screenshot")))

    def wait(self, condition, what):
        """Waits (up to 10 s) until the JavaScript expression `condition` is true."""
        for _ in range(100):
            if self.js(f"return Boolean({condition})"):
                return
            time.sleep(0.1)
        raise RuntimeError(f"timed out waiting for {what}")

    def alert_open(self):
        try:
            self.s("GET", "/alert/text")
            return True
        except RuntimeError:
            return False

    def network(self):
        """URLs of the requests made since the last call."""
        entries = self.s("POST", "/se/log", {"type": "performance"})
        urls = []
        for e in entries:
            m = json.loads(e["message"])["message"]
            if m["method"] == "Network.requestWillBeSent":
                urls.append(m["params"]["request"]["url"])
        return urls

    def quit(self):
        self.s("DELETE", "")


def view(base, iri):
    return f"{base}/view?iri={urllib.parse.quote(iri, safe='')}"


def sparql(base, query):
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)["results"]["bindings"]


def status(url):
    try:
        with urllib.request.urlopen(url) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


# The ranges of the marks of each fact in the text, in code points: a mark with an id
# starts a span; a mark without one continues the span of its fact that ends where it starts.
MARK_RANGES = """
const text = document.getElementById("text");
const before = (node) => { const r = document.createRange(); r.setStart(text, 0); r.setEnd(node, 0);
  return Array.from(r.toString()).length; };
const spans = {};
for (const m of text.querySelectorAll("mark")) {
  const node = document.getElementById("f" + m.dataset.f).dataset.node;
  const begin = before(m), content = m.textContent;
  const open = (spans[node] = spans[node] || []);
  const piece = m.id ? null : open.find((s) => s.end === begin);
  if (piece) { piece.end += Array.from(content).length; piece.text += content; }
  else open.push({ begin, end: begin + Array.from(content).length, text: content });
}
return spans;
"""


def article_checks(b, base):
    b.go(view(base, SEED))
    marks = b.js("return document.querySelectorAll('#text mark').length")
    check(marks >= 10, f"the seed article shows {marks} highlights (at least 10)")
    # Marks at the right text: every evidence span of the store, and nothing else.
    rows = sparql(base, f"""PREFIX nkg: <https://w3id.org/newskg/ontology#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?f ?b ?e ?a WHERE {{ GRAPH <{SEED}> {{
          {{ ?f nkg:evidence ?s . ?s nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a }}
          UNION {{ ?f a nkg:Sentence ; nkg:attributedTo ?by ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a }} }} }}""")
    expected = {}
    for r in rows:
        expected.setdefault(r["f"]["value"], set()).add((int(r["b"]["value"]), int(r["e"]["value"]), r["a"]["value"]))
    shown = {node: {(s["begin"], s["end"], s["text"]) for s in spans}
             for node, spans in b.js(MARK_RANGES).items()}
    wrong = [n for n in expected if expected[n] != shown.get(n, set())] + [n for n in shown if n not in expected]
    check(not wrong and len(expected) > 20,
          f"the highlights of all {len(expected)} facts lie at their spans' text" + (f" (wrong: {wrong[:3]})" if wrong else ""))
    # Every link to a page of the store answers.
    links = b.js("return Array.from(new Set(Array.from(document.querySelectorAll('a[href^=\"/view\"]'), a => a.getAttribute('href'))))")
    bad = [l for l in links if status(base + l) != 200]
    check(links and not bad, f"all {len(links)} /view links of the article answer" + (f" (failing: {bad[:3]})" if bad else ""))
    # A click on a highlight shows its fact and rule.
    b.click("#text mark.k-person[title^='Person: Elon Musk']")
    info = b.js("const i = document.getElementById('info'); return i.hidden ? null : i.textContent")
    check(info is not None and "Elon Musk" in info and "name." in info, "clicking Elon Musk's highlight shows the fact and its rule")
    b.screenshot(ART / "article.png", 1000)
    # A click on a fact's ¶ scrolls to its highlight.
    y0 = b.js("window.scrollTo(0, 0); return window.scrollY")
    b.click("#facts li[data-node$='/event/1862-1875-Attack'] a.jump")
    moved = b.js("const m = document.querySelector('mark.flash'); return m ? m.getBoundingClientRect().top : null")
    check(moved is not None and 0 <= moved < 1000 and y0 == 0, "clicking a fact in the side list scrolls to its highlight")
    # A person's link leads to their page, which names whom they met and links back.
    b.click(f"#facts a[href='/view?iri={urllib.parse.quote(MUSK, safe='')}']")
    b.wait("document.readyState === 'complete' && document.getElementById('events')", "Musk's page")
    events = b.js("const e = document.getElementById('events'); return e ? e.nextElementSibling.textContent + e.parentElement.textContent : ''")
    back = b.js(f"return document.querySelectorAll('a[href=\"/view?iri={urllib.parse.quote(SEED, safe='')}\"]').length")
    check("Amir Saeid Iravani" in events and "Meeting" in events, "Elon Musk's page names Iravani, whom he met")
    check(back > 0, f"and links back to the article ({back} links)")
    b.screenshot(ART / "entity.png", 1000)


def other_pages(b, base):
    b.go(view(base, MEETING))
    marked = b.js("return Array.from(document.querySelectorAll('.sentence mark'), m => m.textContent)")
    check(marked and all(m == "meeting" for m in marked), f"the meeting's page marks 'meeting' in {len(marked)} sentences")
    b.screenshot(ART / "event.png", 800)
    b.go(base + "/")
    b.type("form.search input", "ira")
    b.click("form.search button")
    b.wait("location.pathname === '/search' && document.readyState === 'complete'", "the search page")
    hits = b.js("return Array.from(document.querySelectorAll('#hits tr'), r => r.textContent)")
    check(any("Amir Saeid Iravani" in h and "Person" in h for h in hits), "searching 'ira' from the query page finds Iravani, a Person")
    b.screenshot(ART / "search.png", 600)
    b.go(base + "/")
    b.click("#run")
    b.wait("document.querySelector('#results a')", "the query's results")
    links = b.js("return Array.from(document.querySelectorAll('#results a'), a => a.getAttribute('href'))")
    check(links and all(l.startswith("/view?iri=") for l in links), f"the query page links its {len(links)} result IRIs to /view")


def hostile_checks(b, base):
    rows = sparql(base, "SELECT ?g WHERE { GRAPH ?g { ?g <https://schema.org/identifier> \"hostile-1\" } }")
    article = rows[0]["g"]["value"]
    for url in [view(base, article), base + "/search?q=o%27hara", base + "/search?q=%3Cscript%3Ewindow.pwned%3D3%3C%2Fscript%3E"]:
        b.go(url)
        pwned = b.js("return typeof window.pwned")
        images = b.js("return document.querySelectorAll('main img, main b').length")
        check(pwned == "undefined" and images == 0 and not b.alert_open(), f"no hostile markup runs on {url[len(base):][:60]}")
    b.go(view(base, article))
    shown = b.js("return document.body.innerText")
    check("<script>window.pwned=1</script>" in shown and "<img src=x" in shown, "the hostile text is shown as text")
    b.screenshot(ART / "hostile.png", 700)


def main():
    global ART
    base, driver, ART, profile = sys.argv[1].rstrip("/"), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    b = Browser(driver, profile)
    try:
        b.network()  # the browser's own start-up
        article_checks(b, base)
        other_pages(b, base)
        hostile_checks(b, base)
        urls = b.network()
        # Chrome's own pages (chrome:, about:) are not network requests.
        network = [u for u in urls if not u.startswith(("chrome:", "chrome-extension:", "about:", "data:", "blob:"))]
        foreign = [u for u in network if not u.startswith(base + "/")]
        check(network and not foreign, f"{len(network)} requests over the network, none to another host"
              + (f" ({foreign[:3]})" if foreign else ""))
    finally:
        b.quit()
    if failures:
        print(f"test-browser: {len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks a built site as headless chromium rendered it (.ci/docs-in-browser dumps each page's DOM).

usage: site-check.py SITE-DIR DOM-DIR

For every page: its content has text; every internal link names a file of the site (a directory
means its index.html) and, with #anchor, an element of that page with that id or name; every image,
stylesheet and script it loads from the site exists and is not empty. External links (http:,
https:, mailto:, ...) are not followed. Prints one line per problem and exits 1 when there is any.
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

SKIPPED_TEXT = {"script", "style", "noscript", "template"}
CHROME = {"nav", "header", "footer"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors = set()
        self.links = []      # (what, url)
        self.stack = []      # open elements: (tag, is_content_root, is_chrome)
        self.content_text = []
        self.body_text = []
        self.has_content_root = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.anchors.add(attrs[key])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(("link", attrs["href"]))
        elif tag == "img":
            self.links.append(("image", attrs.get("src") or ""))
        elif tag == "link" and attrs.get("href") and "stylesheet" in (attrs.get("rel") or "").split():
            self.links.append(("stylesheet", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.links.append(("script", attrs["src"]))
        elif tag in ("iframe", "source") and attrs.get("src"):
            self.links.append(("embedded file", attrs["src"]))
        if tag in ("meta", "link", "img", "br", "hr", "input", "source", "base", "col", "area", "wbr"):
            return
        root = tag == "main" or attrs.get("id") in ("bodyColumn", "contentBox")
        self.has_content_root = self.has_content_root or root
        self.stack.append((tag, root, tag in CHROME))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        tags = [t for t, _, _ in self.stack]
        if any(t in SKIPPED_TEXT for t in tags):
            return
        if any(root for _, root, _ in self.stack):
            self.content_text.append(data)
        if not any(chrome for _, _, chrome in self.stack):
            self.body_text.append(data)

    def text(self):
        words = " ".join(self.content_text if self.has_content_root else self.body_text).split()
        return " ".join(words)


def main(site, dom):
    pages = {}
    for directory, _, files in os.walk(dom):
        for name in files:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, dom)
            parser = Page()
            with open(path, encoding="utf-8", errors="replace") as f:
                parser.feed(f.read())
            pages[relative] = parser
    problems = []
    for relative, page in sorted(pages.items()):
        if not page.text():
            problems.append(f"{relative}: the page has no text")
        for what, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue  # external, or javascript:/mailto:/data:
            if not parts.path:
                target = relative
            else:
                target = os.path.normpath(os.path.join(os.path.dirname(relative), unquote(parts.path)))
            file = os.path.join(site, target)
            if target.startswith(".."):
                problems.append(f"{relative}: {what} {url} leaves the site")
                continue
            if os.path.isdir(file):
                target = os.path.join(target, "index.html")
                file = os.path.join(site, target)
            if not os.path.isfile(file):
                problems.append(f"{relative}: broken {what} {url} (no {target} in the site)")
                continue
            if what != "link" and os.path.getsize(file) == 0:
                problems.append(f"{relative}: {what} {url} is empty")
            if parts.fragment and what == "link" and target in pages \
                    and unquote(parts.fragment) not in pages[target].anchors:
                problems.append(f"{relative}: broken link {url} ({target} has no anchor '{parts.fragment}')")
    for problem in problems:
        print(f"site-check: {problem}", file=sys.stderr)
    print(f"site-check: {len(pages)} pages, {sum(len(p.links) for p in pages.values())} links and files checked,"
          f" {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))

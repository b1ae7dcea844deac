#!/usr/bin/env python3
"""Writes the hostile lessons of tests/hostile/ (and, with --large DIR, the
large ones the test generates at run time). Each lesson has valid
frontmatter, so what it holds is the only thing under test; expected.txt
lists the diagnostic code each must yield ("-" for none at all)."""
import os
import sys

FM = '---\ntitle: "Hostile {n}"\ndescription: "x"\norder: {o}\ndifficulty: beginner\nestimatedTime: 1\ntopics: ["hostile"]\n---\n\n'
CASES = [
    # name, expected code, body
    ("nested-lists", "-", "".join("  " * i + "- item\n" for i in range(1000))),
    ("nested-quotes", "-", "## Nested quotes\n\n" + ">" * 1000 + " deep quote [x](#nested-quotes)\n"),
    ("nested-jsx", "-", "<div>\n" * 500 + "text\n" + "</div>\n" * 500),
    ("nested-emphasis", "-", "*" * 5000 + "x" + "*" * 5000 + "\n"),
    ("nested-brackets", "-", "[" * 10000 + "x" + "]" * 10000 + "\n"),
    ("nested-parens-link", "-", "[x](" + "(" * 5000 + ")" * 5000 + ")\n"),
    ("nested-expressions", "-", "{" + "(" * 200 + "1" + ")" * 200 + "}\n"),
    ("many-unclosed-jsx", "unclosed-jsx", "<div>\n\n" * 1000),
    ("mismatched-close", "unclosed-jsx", "<span>text</em>\n"),
    ("stray-close", "unclosed-jsx", "text </div>\n"),
    ("unbalanced-braces", "mdx-syntax", "{" * 5000 + "\n"),
    ("template-in-template", "-", "{`a ${`b ${`c`}`}`}\n"),
    ("regex-in-expression", "-", "{/[}]/.test('}')}\n"),
    ("string-with-brace", "-", '{"}"} and {\'{\'}\n'),
    ("comment-in-expression", "-", "{/* } } } */}\n"),
    ("lt-digit", "mdx-syntax", "a <3 b\n"),
    ("html-comment", "mdx-syntax", "x <!-- comment --> y\n"),
    ("angle-autolink", "mdx-syntax", "<https://example.com>\n"),
    ("lt-space", "-", "a < b and c > d\n"),
    ("bad-percent-fragment", "broken-anchor", "## Head\n\n[x](#%ZZ)\n"),
    ("bad-utf8-fragment", "broken-anchor", "## Head\n\n[x](#%FF%FE)\n"),
    ("truncated-percent", "broken-anchor", "## Head\n\n[x](#head%E2%80)\n"),
    ("control-chars-heading", "-", "## A\x01B\x02C\x1b[31m\n\n[x](#abc31m)\n"),
    ("zero-width-bidi", "-", "## A\u200bB\u202eC\u200d\n\n[x](#abc)\n"),
    ("punctuation-headings", "-", "## ???\n\n## !!!\n\n## ...\n\n[x](#-1)\n"),
    ("duplicate-headings", "-", "## Same\n\n" * 10000 + "[last](#same-9999)\n"),
    ("heading-run", "-", "".join("#" * (1 + i % 6) + f" H {i}\n" for i in range(20000))),
    ("seven-hashes", "-", "####### not a heading\n" * 1000),
    ("long-heading", "-", "## " + "слово " * 20000 + "\n"),
    ("setext-tricks", "-", "Title\n===\n\n- list\n---\n\nText\n- - -\n"),
    ("tabs-everywhere", "-", "\t##\tTab\theading\n\n\t-\titem\n\n\t\t```\n\tcode\n\t```\n"),
    ("cr-only", "-", "## One\rText\r\r## Two\r"),
    ("bom-in-middle", "-", "text \ufeff more\n\n## \ufeffHead\n"),
    ("unclosed-fence", "-", "```js\n{ not an expression <nor a tag\n"),
    ("long-fence", "-", "`" * 1000 + "\ncode {x}\n" + "`" * 1000 + "\n"),
    ("backtick-storm", "-", " `` ` ``` ".join(["x"] * 20000) + "\n"),
    ("long-destination", "broken-link", "[x](/course/" + "a" * 200000 + ")\n"),
    ("image-in-link-in-heading", "-", "## [![alt](data:image/png;base64,AA==) text](#-text)\n"),
    ("huge-attribute", "-", '<div title="' + "x" * 100000 + '">y</div>\n'),
    ("many-attributes", "-", "<div " + " ".join(f"a{i}=\"{i}\"" for i in range(2000)) + " />\n"),
    ("huge-expression", "-", "{`" + "x" * 1000000 + "`}\n"),
    ("unterminated-import", "unused-import", "import { a, b from 'nowhere\n\ntext\n"),
    ("export-template-open", "-", "export const x = `\n\n## not a heading\n"),
    ("deep-frontmatter", "frontmatter-yaml", None),
    ("tabs-in-frontmatter", "frontmatter-yaml", None),
    ("prerequisites-number", "frontmatter-type", None),
    ("prerequisites-maps", "frontmatter-type", None),
    ("huge-frontmatter-string", "-", None),
    ("only-whitespace", "frontmatter-missing", None),
    ("only-frontmatter", "-", ""),
    ("alias-amplification", "frontmatter-unknown-key,frontmatter-yaml", None),
]

SPECIAL_FM = {
    "deep-frontmatter": '---\ntitle: "x"\nx: ' + "[" * 100 + "]" * 100 + "\n---\n",
    "tabs-in-frontmatter": '---\ntitle: "x"\ntopics:\n\t- a\n---\n',
    "prerequisites-number": FM.format(n="p", o=1).replace('topics: ["hostile"]\n', 'topics: ["hostile"]\nprerequisites: 5\n'),
    "prerequisites-maps": FM.format(n="p", o=1).replace('topics: ["hostile"]\n', 'topics: ["hostile"]\nprerequisites: [{a: 1}]\n'),
    "huge-frontmatter-string": FM.format(n="p", o=1).replace('description: "x"', 'description: "' + "долго " * 200000 + '"'),
    "only-whitespace": "   \n\t\n  \n",
    # A few kilobytes whose aliases come to gigabytes of values over many
    # fields, each under any per-value bound.
    "alias-amplification": FM.format(n="p", o=1).replace(
        'description: "x"\n',
        'description: "x"\ns: &s "' + "x" * 3000 + '"\n'
        + "a: &a [*s, *s, *s, *s, *s, *s, *s, *s, *s, *s]\n"
        + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        + "".join(f"f{i}: *c\n" for i in range(40))),
}


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


# Lessons over this size are made at test time, not kept in the tree.
KEEP_BELOW = 64 * 1024


def lesson(i, name, body):
    fm = SPECIAL_FM.get(name, FM.format(n=name, o=i + 1))
    return fm + (body if body is not None else "## Heading\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "expected.txt"), "w") as exp:
        exp.write("# lesson  expected diagnostic code (- for none at all)\n")
        for i, (name, code, body) in enumerate(CASES):
            text = lesson(i, name, body)
            path = os.path.join(here, name + ".mdx")
            if len(text.encode()) < KEEP_BELOW:
                write(path, text)
            elif os.path.exists(path):
                os.remove(path)
            exp.write(f"{name} {code}\n")
        for name in ("million-links", "overlong-lines", "hundred-thousand-headings"):
            exp.write(f"{name} -\n")


def large(out):
    """The big ones, made at test time: too large to keep in the tree."""
    os.makedirs(out, exist_ok=True)
    for i, (name, code, body) in enumerate(CASES):
        text = lesson(i, name, body)
        if len(text.encode()) >= KEEP_BELOW:
            write(os.path.join(out, name + ".mdx"), text)
    with open(os.path.join(out, "million-links.mdx"), "w") as f:
        f.write(FM.format(n="million", o=1) + "## Target\n\n")
        for i in range(1000000):
            f.write("[x](#target) ")
            if i % 20 == 19:
                f.write("\n")
        f.write("\n")
    with open(os.path.join(out, "overlong-lines.mdx"), "w") as f:
        f.write(FM.format(n="long", o=2))
        for k in range(4):
            f.write("слово " * 500000 + "\n\n")
    with open(os.path.join(out, "hundred-thousand-headings.mdx"), "w") as f:
        f.write(FM.format(n="headings", o=3))
        for i in range(100000):
            f.write(f"## Раздел {i % 100}\n\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--large":
        large(sys.argv[2])
    else:
        main()

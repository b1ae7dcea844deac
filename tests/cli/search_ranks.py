"""The ranks `courseq search` should give, from the search file alone.

usage: search_ranks.py INDEX WORD...

Each word is searched as a prefix, all of them must occur. A lesson's rank
is minus its BM25 score without length normalisation: for each word, its
inverse document frequency (1 for a one-word search) times the sum over the
columns title, headings and body (weights 10, 5, 1) of tf * 2.2 / (tf + 1.2),
tf the word's instances in that column. The instances are counted by
SQLite's fts5vocab, not by courseq. Prints "id rank" a line, by id.
"""
import math
import sqlite3
import sys

WEIGHTS = (10.0, 5.0, 1.0)
K1 = 1.2


def prefix_end(word):
    """The first string after every string starting with word."""
    return word[:-1] + chr(ord(word[-1]) + 1)


def main():
    index, words = sys.argv[1], [w.lower() for w in sys.argv[2:]]
    db = sqlite3.connect(index)
    db.execute("ATTACH ? AS fts", (index + "-search",))
    db.execute("CREATE VIRTUAL TABLE temp.inst USING fts5vocab(fts, search, 'instance')")
    docs = db.execute("SELECT count(*) FROM fts.search").fetchone()[0]
    tf = []  # per word: {doc: [tf per column]}
    for w in words:
        per_doc = {}
        for doc, col in db.execute(
                "SELECT doc, col FROM temp.inst WHERE term >= ? AND term < ?", (w, prefix_end(w))):
            per_doc.setdefault(doc, [0, 0, 0])[["title", "headings", "body"].index(col)] += 1
        tf.append(per_doc)
    hits = set(tf[0]).intersection(*tf[1:])
    idf = [1.0] if len(words) == 1 else [
        max(1e-6, math.log((docs - len(t) + 0.5) / (len(t) + 0.5))) for t in tf]
    ids = dict(db.execute("SELECT lesson, id FROM lessons"))
    for doc in sorted(hits, key=lambda d: ids[d]):
        score = sum(idf[i] * WEIGHTS[c] * n * (K1 + 1) / (n + K1)
                    for i, t in enumerate(tf) for c, n in enumerate(t[doc]) if n)
        print(ids[doc], f"{-score:.9f}")


main()

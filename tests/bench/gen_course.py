#!/usr/bin/env python3
"""Writes a synthetic course shaped like the sample course, for benchmarks.

usage: gen_course.py [--seed S] [--modules N] [--lessons M] OUT_DIR

OUT_DIR gets courseq.yaml, package.json (astro 5, so anchors follow the
astro5 profile), the components the lessons import (src/components/, stubs)
and src/content/course/NN-module-N/NN-slug.mdx: N modules of
M lessons. Each lesson has the sample's frontmatter; prerequisites in alias
form point only at earlier lessons and form chains up to 100 deep; the body
is 10 to 40 KB of Cyrillic prose with English terms, 20 to 60 headings (some
repeated), links to headings of other lessons, <Callout> and <Mermaid>
components, sql/python/yaml fences and GFM tables. The same arguments give
byte-identical output. Python 3 standard library only.
"""
import argparse
import functools
import os
import random
import sys

CHAIN = 100  # the longest prerequisite chain
MIN_SIZE, MAX_SIZE = 10 * 1024, 40 * 1024

RU = (
    "журнал изменение событие таблица запись транзакция коннектор поток топик "
    "сообщение схема ключ значение позиция смещение задержка нагрузка реплика "
    "сервер клиент потребитель производитель очередь партиция кластер узел "
    "снимок конфигурация параметр метрика дашборд алерт ошибка сбой "
    "восстановление перезапуск обработка порядок гарантия доставка дубликат "
    "версия миграция поле колонка индекс запрос база данные команда сервис "
    "приложение архитектура слой граница контракт формат сериализация "
    "сжатие хранение удаление очистка рост диск память процесс задача "
    "проверка тест стенд пример результат вывод шаг этап решение вариант "
    "читает пишет хранит передаёт получает обрабатывает подтверждает удерживает "
    "создаёт удаляет меняет проверяет запускает останавливает настраивает "
    "отслеживает сравнивает объединяет фильтрует преобразует публикует "
    "новый старый каждый весь первый последний отдельный общий главный "
    "надёжный быстрый медленный логический физический внешний внутренний "
    "долгий короткий важный нужный полный пустой частый редкий тихий "
    "здесь затем сначала потом всегда обычно иногда почти только уже ещё "
    "поэтому однако кроме также именно сразу снова просто быстро медленно "
    "и в на с по для из при без до после через между над под о от к у"
).split()
EN = (
    "PostgreSQL MySQL Kafka Debezium WAL LSN binlog GTID pgoutput snapshot "
    "offset topic connector SMT Avro JSON Protobuf Flink PyFlink Schema "
    "Registry Strimzi Kubernetes Docker Compose JMX Prometheus Grafana outbox "
    "heartbeat slot publication replica primary failover consumer producer "
    "partition compaction tombstone envelope payload sink source pipeline lag"
).split()
TERMS = [
    "Kafka Connect", "Schema Registry", "Debezium 2", "PostgreSQL 16", "MySQL 8",
    "replication slot", "logical decoding", "change event", "outbox pattern",
    "consumer group", "exactly once", "log compaction", "initial snapshot",
    "incremental snapshot", "schema history", "dead letter queue", "Kafka Streams",
]
COMMON_HEADINGS = ["Пример", "Итоги", "Практика", "Типичные ошибки", "Проверка",
                   "Задание", "Пример 1", "Что дальше"]
HEADING_FORMS = ["Как работает {t}", "Настройка {t}", "{t} и {u}", "Зачем нужен {t}",
                 "{t} в production", "Шаг {n} {w}", "Мониторинг {t}", "{w} и {t}",
                 "Когда {t} не подходит", "{t} против {u}"]
DIFFICULTY = ["beginner", "intermediate", "advanced"]
CALLOUTS = ["tip", "note", "warning", "danger"]
MERMAID_IMPORT = "import { Mermaid } from '../../../components/Mermaid.tsx';"
CALLOUT_IMPORT = "import Callout from '../../../components/Callout.tsx';"


class Course:
    def __init__(self, seed, modules, lessons):
        self.seed, self.modules, self.lessons = seed, modules, lessons
        self.total = modules * lessons
        self.meta = [self._meta(g) for g in range(self.total)]
        self.prerequisites = self._prerequisites()

    def rng(self, kind, g):
        return random.Random(f"{self.seed}/{kind}/{g}")

    def _meta(self, g):
        r = self.rng("meta", g)
        module, order = g // self.lessons + 1, g % self.lessons + 1
        words = r.sample(EN, r.randint(2, 4))
        title = " ".join(w[0].upper() + w[1:] for w in words)
        slug = f"{order:02d}-" + "-".join(w.lower() for w in words)
        return {
            "id": f"{module:02d}-module-{module}/{slug}",
            "alias": f"module-{module}/{slug}",
            "module": module, "order": order, "title": title,
        }

    @functools.lru_cache(maxsize=8192)
    def headings(self, g):
        """The lesson's target size in bytes and its headings as (depth, text,
        slug), slugs as github-slugger makes them (no heading ends in a space,
        so astro5 gives the same)."""
        r = self.rng("headings", g)
        size = r.randint(11000, 38000)
        n = r.randint(20, max(20, min(60, size // 600)))
        texts = ["Пример", "Пример"]  # at least one repeat in every lesson
        while len(texts) < n:
            if r.random() < 0.3:
                texts.append(r.choice(COMMON_HEADINGS))
            else:
                texts.append(r.choice(HEADING_FORMS).format(
                    t=r.choice(TERMS + EN), u=r.choice(EN), n=r.randint(1, 9),
                    w=r.choice(RU[:60]).capitalize()))
        r.shuffle(texts)
        seen, out = {}, []
        for i, text in enumerate(texts):
            base = slug = text.lower().replace(" ", "-")
            while slug in seen:
                seen[base] += 1
                slug = f"{base}-{seen[base]}"
            seen[slug] = 0
            out.append((2 if i == 0 or r.random() < 0.7 else 3, text, slug))
        return size, tuple(out)

    def _prerequisites(self):
        """Earlier lessons only, none implied by another. Lesson g needs g-1
        unless it starts a chain of CHAIN lessons; some also need the first
        lesson of an earlier chain that no lesson before them in their own
        chain needs. The first lesson of a chain needs nothing, so a lesson's
        depth is g % CHAIN + 1."""
        out, used = [], set()
        for g in range(self.total):
            r = self.rng("prerequisites", g)
            if g % CHAIN == 0:
                out.append([])
                used = set()
                continue
            pre = [g - 1]
            heads = [h for h in range(0, g - g % CHAIN, CHAIN) if h not in used]
            for h in r.sample(heads, min(len(heads), r.choice([0, 0, 0, 1, 1, 2]))):
                pre.append(h)
                used.add(h)
            out.append(pre)
        return out


class Lesson:
    def __init__(self, course, g):
        self.c, self.g = course, g
        self.r = course.rng("body", g)

    # -- inline text -------------------------------------------------------
    def link(self):
        c, r = self.c, self.r
        t = r.randrange(c.total - 1) if c.total > 1 else 0
        t += t >= self.g and c.total > 1
        m = c.meta[t]
        if r.random() < 0.2:
            return f"[{m['title']}](/course/{m['id']})"
        _, heads = c.headings(t)
        return f"[{m['title']}](/course/{m['id']}#{r.choice(heads)[2]})"

    def sentence(self, links=0.0):
        r = self.r
        words = r.choices(RU, k=r.randint(6, 15))
        for _ in range(r.randint(0, 3)):
            i = r.randrange(len(words))
            k = r.random()
            term = r.choice(EN)
            words[i] = f"`{term.lower()}`" if k < 0.3 else f"**{term}**" if k < 0.4 else term
        if r.random() < 0.2:
            words.insert(r.randrange(len(words)), r.choice(TERMS))
        if r.random() < links:
            words.append(self.link())
        if r.random() < 0.3:
            words[r.randrange(len(words) - 1)] += ","
        return words[0][0].upper() + " ".join(words)[1:] + "."

    def paragraph(self, lo=3, hi=7):
        return " ".join(self.sentence(0.15) for _ in range(self.r.randint(lo, hi)))

    # -- blocks ------------------------------------------------------------
    def bullets(self):
        r = self.r
        if r.random() < 0.5:
            return "\n".join(f"- **{r.choice(TERMS)}.** {self.sentence(0.2)}"
                             for _ in range(r.randint(3, 6)))
        return "\n".join(f"{i}. {self.sentence(0.1)}" for i in range(1, r.randint(4, 7)))

    def table(self):
        r = self.r
        cols = r.randint(3, 5)
        head = ["Параметр"] + [r.choice(RU[:80]).capitalize() for _ in range(cols - 1)]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * cols]
        for _ in range(r.randint(3, 8)):
            cells = [f"`{r.choice(EN).lower()}.{r.choice(EN).lower()}`"]
            cells += [" ".join(r.choices(RU, k=r.randint(1, 5))) for _ in range(cols - 1)]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def code(self, lang=None):
        r = self.r
        lang = lang or r.choice(["sql", "python", "yaml"])
        name = f"{r.choice(EN).lower()}_{r.randint(1, 99)}"
        if lang == "sql":
            body = (f"SELECT slot_name, active,\n"
                    f"       pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)) AS {name}\n"
                    f"FROM pg_replication_slots\n"
                    f"WHERE slot_type = 'logical' AND slot_name LIKE '{name}%';")
        elif lang == "python":
            body = (f"import json\n"
                    f"from confluent_kafka import Consumer\n\n"
                    f"consumer = Consumer({{\"bootstrap.servers\": \"localhost:9092\", \"group.id\": \"{name}\"}})\n"
                    f"consumer.subscribe([\"{name}.public.orders\"])\n\n"
                    f"while True:\n"
                    f"    msg = consumer.poll(1.0)\n"
                    f"    if msg is None or msg.value() is None:\n"
                    f"        continue\n"
                    f"    event = json.loads(msg.value())\n"
                    f"    print(event[\"payload\"][\"op\"], event[\"payload\"].get(\"after\"))")
        else:
            body = (f"name: {name}\n"
                    f"config:\n"
                    f"  connector.class: io.debezium.connector.postgresql.PostgresConnector\n"
                    f"  topic.prefix: {name}\n"
                    f"  slot.name: {name}_slot\n"
                    f"  heartbeat.interval.ms: {r.randint(1, 60) * 1000}\n"
                    f"  table.include.list: public.{r.choice(EN).lower()}")
        return f"```{lang}\n{body}\n```"

    def callout(self):
        r = self.r
        kind = r.choice(CALLOUTS)
        title = f' title="{r.choice(HEADING_FORMS).format(t=r.choice(TERMS), u=r.choice(EN), n=1, w="Совет")}"' \
            if r.random() < 0.7 else ""
        parts = [self.paragraph(1, 3)]
        if r.random() < 0.4:
            parts.append(self.bullets())
        if r.random() < 0.3:
            parts.append(self.code())
        return f'<Callout type="{kind}"{title}>\n' + "\n\n".join(parts) + "\n</Callout>"

    def mermaid(self):
        r = self.r
        nodes = [f'N{i}["{r.choice(EN)}<br/>{r.choice(RU[:80])}"]' for i in range(r.randint(3, 6))]
        edges = [f"    N{i} -->|{r.choice(RU[:80])}| N{i + 1}" for i in range(len(nodes) - 1)]
        graph = (f"flowchart {r.choice(['LR', 'TB'])}\n"
                 f'    subgraph S["{r.choice(TERMS)}"]\n'
                 + "".join(f"        {n}\n" for n in nodes)
                 + "    end\n\n" + "\n".join(edges) + "\n")
        if r.random() < 0.75:
            return f"<Mermaid chart={{`\n{graph}`}} client:visible />"
        return f"<Mermaid client:visible>\n```mermaid\n{graph}```\n</Mermaid>"

    # -- the file ----------------------------------------------------------
    def frontmatter(self):
        c, r, m = self.c, self.r, self.c.meta[self.g]
        lines = [
            "---",
            f'title: "{m["title"]}"',
            f'description: "{self.sentence()}"',
            f"order: {m['order']}",
            f'difficulty: "{DIFFICULTY[min(2, self.g * 3 // c.total)]}"',
            f"estimatedTime: {r.randrange(15, 65, 5)}",
            "topics: [" + ", ".join(f'"{t}"' for t in r.sample(EN + TERMS, r.randint(2, 5))) + "]",
        ]
        pre = c.prerequisites[self.g]
        if pre:
            lines.append("prerequisites: [" + ", ".join(f'"{c.meta[p]["alias"]}"' for p in pre) + "]")
        return "\n".join(lines + ["---"])

    def text(self):
        r = self.r
        size, heads = self.c.headings(self.g)
        blocks = {"paragraph": 10, "bullets": 3, "table": 1, "code": 1.5, "callout": 1.5, "mermaid": 0.5}
        kinds, weights = list(blocks), list(blocks.values())
        # Every lesson has each kind at least once, in random sections.
        forced = {}
        for kind in ["callout", "mermaid", "table", "sql", "python", "yaml", "bullets"]:
            forced.setdefault(r.randrange(len(heads)), []).append(kind)
        out = [self.frontmatter(), MERMAID_IMPORT + "\n" + CALLOUT_IMPORT, self.paragraph(2, 4)]
        total = sum(len(s.encode()) + 2 for s in out)
        for i, (depth, text, _) in enumerate(heads):
            section = ["#" * depth + " " + text, self.paragraph(1, 2)]
            for kind in forced.get(i, []):
                section.append(self.code(kind) if kind in ("sql", "python", "yaml") else getattr(self, kind)())
            goal = size * (i + 1) // len(heads)
            total += sum(len(s.encode()) + 2 for s in section)
            while total < goal:
                block = getattr(self, r.choices(kinds, weights)[0])()
                section.append(block)
                total += len(block.encode()) + 2
            out += section
        return "\n\n".join(out) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modules", type=int, default=10)
    ap.add_argument("--lessons", type=int, default=10, help="lessons per module")
    ap.add_argument("out", help="output folder (must not exist or be empty)")
    a = ap.parse_args()
    if a.modules < 1 or a.lessons < 1:
        ap.error("--modules and --lessons must be at least 1")
    if os.path.exists(a.out) and os.listdir(a.out):
        ap.error(f"{a.out} exists and is not empty")
    course = Course(a.seed, a.modules, a.lessons)
    write(os.path.join(a.out, "courseq.yaml"),
          f"# A synthetic course: gen_course.py --seed {a.seed} --modules {a.modules} --lessons {a.lessons}\n"
          "content: src/content/course\n")
    write(os.path.join(a.out, "package.json"),
          '{\n  "name": "courseq-bench-course",\n  "private": true,\n'
          '  "dependencies": {\n    "astro": "5.18.2"\n  }\n}\n')
    for name in ("Callout", "Mermaid"):  # what the lessons import
        write(os.path.join(a.out, "src/components", name + ".tsx"),
              f"// A stand-in for the sample course's {name} component.\n"
              f"export {'default ' if name == 'Callout' else ''}function {name}(props: any) {{\n"
              "  return null;\n}\n")
    for g in range(course.total):
        text = Lesson(course, g).text()
        size = len(text.encode())
        if not MIN_SIZE <= size <= MAX_SIZE:
            sys.exit(f"gen_course: lesson {course.meta[g]['id']} is {size} bytes, outside 10..40 KB")
        write(os.path.join(a.out, "src/content/course", course.meta[g]["id"] + ".mdx"), text)


if __name__ == "__main__":
    main()

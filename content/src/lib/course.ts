// Course structure shared by the pages: lesson ids, module order, prerequisites.
import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'course'>;

// Module 8 (MySQL) comes before module 7: the capstone builds on it.
export const MODULE_ORDER = [1, 2, 3, 4, 5, 6, 8, 7];

export const MODULE_TITLES: Record<number, string> = {
  1: 'Основы CDC и Debezium',
  2: 'PostgreSQL: WAL, logical decoding, replication slots',
  3: 'Эксплуатация: мониторинг, восстановление, масштабирование',
  4: 'Преобразования событий и схемы',
  5: 'Потребители и потоковая обработка',
  6: 'Облако и Kubernetes',
  7: 'Capstone-проект',
  8: 'MySQL: binlog, GTID, schema history',
};

// Lesson id = the file path under src/content/course/ without the extension,
// e.g. 07-module-7/04-multi-database-architecture. Astro slugifies entry
// slugs; the file names are lowercase ASCII kebab case, so the slug must be
// exactly the path. The build fails if Astro ever changes one.
export function lessonId(entry: Lesson): string {
  const slug = entry.slug;
  const file = (entry as { filePath?: string }).filePath;
  const expected = entry.id.replace(/\.mdx?$/, '');
  if (slug !== expected) {
    throw new Error(`lesson ${file ?? entry.id}: Astro slug "${slug}" differs from its path "${expected}"`);
  }
  return slug;
}

export function lessonUrl(id: string): string {
  return `/course/${id}/`;
}

export function moduleOf(id: string): number {
  const m = /^(\d+)-module-(\d+)\//.exec(id);
  return m ? Number(m[2]) : Number.NaN;
}

function moduleRank(n: number): number {
  const i = MODULE_ORDER.indexOf(n);
  return i >= 0 ? i : MODULE_ORDER.length + (Number.isFinite(n) ? n : 1e9);
}

// Every lesson in course order: module (8 before 7), then `order`, then id.
export async function getLessons(): Promise<Lesson[]> {
  const lessons = await getCollection('course');
  return lessons.sort((a, b) => {
    const ma = moduleOf(lessonId(a));
    const mb = moduleOf(lessonId(b));
    return moduleRank(ma) - moduleRank(mb) || a.data.order - b.data.order || lessonId(a).localeCompare(lessonId(b));
  });
}

// Prerequisite alias module-N/NN-slug -> lesson id NN-module-N/NN-slug (the
// module folder found among the lessons; zero-padded number otherwise). An
// alias that names no lesson still yields a link, so the crawl reports it.
export function resolvePrerequisite(alias: string, lessons: Lesson[]): { id: string; lesson?: Lesson } {
  const m = /^module-(\d+)\/(.+)$/.exec(alias);
  if (!m) return { id: alias };
  const lesson = lessons.find((l) => {
    const id = lessonId(l);
    return moduleOf(id) === Number(m[1]) && id.slice(id.indexOf('/') + 1) === m[2];
  });
  if (lesson) return { id: lessonId(lesson), lesson };
  return { id: `${m[1].padStart(2, '0')}-module-${m[1]}/${m[2]}` };
}

export const DIFFICULTY_LABELS: Record<string, string> = {
  beginner: 'начальный',
  intermediate: 'средний',
  advanced: 'продвинутый',
};

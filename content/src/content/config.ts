// The course collection (classic layout: src/content/config.ts, type 'content',
// as the original course). Lesson id = path under src/content/course/ without
// .mdx, e.g. 07-module-7/04-multi-database-architecture.
import { defineCollection, z } from 'astro:content';

const course = defineCollection({
  type: 'content',
  schema: z.object({
    title: z.string(),
    description: z.string(),
    order: z.number(),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
    estimatedTime: z.number(), // minutes
    topics: z.array(z.string()),
    // Alias form module-N/NN-slug (the module folder's NN- prefix dropped).
    prerequisites: z.array(z.string()).optional(),
  }),
});

export const collections = { course };

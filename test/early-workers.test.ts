import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkillCountingLister } from '../src/check/early-workers.js';
import { isSkillFileName, MAX_DEPTH } from '../src/load/discover.js';
import { walkSkillFiles } from '../src/load/walk-skills.js';

/** A catalog of `count` skill folders (each with a SKILL.md and an agents/ folder) and a nested one. */
async function catalog(count: number): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'skillhub-early-'));
  for (let index = 0; index < count; index++) {
    const folder = path.join(root, `skill-${index}`);
    await mkdir(path.join(folder, 'agents'), { recursive: true });
    await writeFile(path.join(folder, 'SKILL.md'), '---\nname: x\n---\n');
    await writeFile(path.join(folder, 'agents', 'openai.yaml'), 'interface: {}\n');
  }
  await mkdir(path.join(root, 'group', 'nested'), { recursive: true });
  await writeFile(path.join(root, 'group', 'nested', 'skill.md'), '---\nname: y\n---\n');
  return root;
}

describe('workers started while the walk lists folders', () => {
  it('counts the skill files of the folders listed, each folder once, until told to stop', async () => {
    const root = await catalog(3);
    const counts: number[] = [];
    const lister = new SkillCountingLister((count) => counts.push(count));
    const found = await walkSkillFiles(root, 'SKILL.md', isSkillFileName, MAX_DEPTH, lister);
    expect(found).toHaveLength(4);
    // Breadth first: the three skill folders, then group/nested's skill.md (any letter case).
    expect(counts).toEqual([1, 2, 3, 4]);
    // A folder listed again (a second pattern over the same tree) is not counted again.
    await walkSkillFiles(root, 'SKILL.md', isSkillFileName, MAX_DEPTH, lister);
    expect(counts).toEqual([1, 2, 3, 4]);
    lister.stopCounting();
    const other = await catalog(2);
    await walkSkillFiles(other, 'SKILL.md', isSkillFileName, MAX_DEPTH, lister);
    expect(counts).toEqual([1, 2, 3, 4]);
  });

  it('starts the workers a run of the files seen would use, and settles on the files found', async () => {
    // From the compiled code: threads need the built worker file.
    const { EarlyWorkers } = (await import(new URL('../dist/check/early-workers.js', import.meta.url).href)) as typeof import('../src/check/early-workers.js');
    const early = new EarlyWorkers({}, 3);
    early.seen(1);
    expect(early.started).toHaveLength(0);
    early.seen(2);
    expect(early.started).toHaveLength(1);
    early.seen(40);
    expect(early.started).toHaveLength(2);
    const [first, second] = early.started;
    const stopped = new Promise((resolve) => second?.worker.once('exit', resolve));
    // Fewer files than the walk's count suggested: the extra worker is stopped, the other kept.
    expect(early.settle(2)).toEqual([first]);
    await stopped;
    expect(await first?.ready).toBe(true);
    expect(early.settle(0)).toEqual([]);
  });

  it('starts none for a run that stays on one thread', async () => {
    const { EarlyWorkers } = (await import(new URL('../dist/check/early-workers.js', import.meta.url).href)) as typeof import('../src/check/early-workers.js');
    const early = new EarlyWorkers({}, 'off');
    early.seen(50_000);
    expect(early.settle(50_000)).toEqual([]);
    const auto = new EarlyWorkers({}, 'auto');
    auto.seen(1999);
    expect(auto.started).toHaveLength(0);
  });
});
